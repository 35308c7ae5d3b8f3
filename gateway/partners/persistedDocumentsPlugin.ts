import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { checkPersistedRequest } from './checkPersistedRequest.js';
import type { PartnerContext } from './PartnerContext.js';
import type { PersistedDocuments } from './PersistedDocuments.js';

export interface PersistedDocumentsPluginOptions {
  /** The registered operations (the persisted-query manifest). Required. */
  documents: PersistedDocuments;
}

// What a refused request is replaced with: trivially valid, so nothing the client sent is parsed or validated.
const REFUSED_OPERATION = 'PersistedQueryRefused';
const REFUSED_SOURCE = `query ${REFUSED_OPERATION} { __typename }`;

/**
 * Holds `persisted-only` clients to registered operations (see `checkPersistedRequest`); anonymous callers and
 * `open` clients keep automatic persisted queries and full documents. Refusals answer HTTP 400 with
 * `PERSISTED_QUERY_REQUIRED` or `PERSISTED_QUERY_NOT_FOUND`.
 *
 * The check runs in `requestDidStart`, on the raw request, before Apollo Server looks an id up in its APQ store.
 * Apollo Server 5 answers anything thrown there with a masked 500, though; `didResolveOperation` is the hook whose
 * thrown `GraphQLError` keeps its HTTP status. So a refused request has its source swapped for a stand-in (no
 * id, no variables), and the refusal is thrown once that stand-in is resolved.
 */
export function persistedDocumentsPlugin(
  options: PersistedDocumentsPluginOptions,
): ApolloServerPlugin<PartnerContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const refusal = checkPersistedRequest(contextValue.client, request, options.documents);
      if (!refusal) return;
      replaceWithStandIn(request);
      return {
        async didResolveOperation() {
          throw refusal;
        },
      };
    },
  };
}

function replaceWithStandIn(request: GraphQLRequest): void {
  const { persistedQuery: _, ...extensions } = request.extensions ?? {};
  request.query = REFUSED_SOURCE;
  request.operationName = REFUSED_OPERATION;
  request.variables = undefined;
  request.extensions = extensions;
}
