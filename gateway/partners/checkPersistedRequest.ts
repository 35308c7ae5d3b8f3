import type { GraphQLRequest } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { RegisteredClient } from './ClientRegistry.js';
import { PersistedQueryNotFoundError, PersistedQueryRequiredError } from './errors.js';
import type { PersistedDocuments } from './PersistedDocuments.js';

/**
 * Whether `client` may send `request`, judged on the request as received (before automatic persisted queries
 * resolve an id). Anonymous callers and `open` clients may send anything. A `persisted-only` client must send
 * only an operation id (`extensions.persistedQuery.sha256Hash`, no `query`), and the id must be in the manifest:
 * ids that only the APQ store knows, registered by some other client, are refused. Returns the error to answer
 * with, or null.
 */
export function checkPersistedRequest(
  client: RegisteredClient | null,
  request: Pick<GraphQLRequest, 'query' | 'extensions'>,
  documents: PersistedDocuments,
): GraphQLError | null {
  if (client?.policy !== 'persisted-only') return null;
  const id: unknown = request.extensions?.['persistedQuery']?.sha256Hash;
  if (request.query != null || id === undefined) return new PersistedQueryRequiredError();
  return typeof id === 'string' && documents.get(id) !== undefined ? null : new PersistedQueryNotFoundError();
}
