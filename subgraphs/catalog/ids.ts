import { parseIntegerId } from '../shared/loaderBatch.js';

const MAX_INTEGER = 2_147_483_647;

/**
 * A GraphQL `ID` as a catalog row id (a PostgreSQL `integer`), or null for anything that cannot be one, so such an
 * id is answered like an unknown one rather than failing the statement.
 */
export function parseCatalogId(id: unknown): number | null {
  const parsed = parseIntegerId(id);
  return parsed !== null && parsed <= MAX_INTEGER ? parsed : null;
}
