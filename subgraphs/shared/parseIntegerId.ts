/** Largest id an `integer` column holds. */
const MAX_INTEGER_ID = 2_147_483_647;

/**
 * Parses a GraphQL `ID` that this service stores in an `integer` column. Returns null for anything else (including
 * ids too large for the column), so that an id that cannot exist is answered like an unknown one.
 */
export function parseIntegerId(id: unknown): number | null {
  const value =
    typeof id === 'number' ? id : typeof id === 'string' && /^[1-9]\d{0,9}$/.test(id) ? Number(id) : NaN;
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_INTEGER_ID ? value : null;
}
