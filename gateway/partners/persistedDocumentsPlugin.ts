import type { ApolloServerPlugin } from '@apollo/server';
import { refuseRequest } from '../plugins/refuseRequest.js';
import { checkPersistedRequest } from './checkPersistedRequest.js';
import type { PartnerContext } from './PartnerContext.js';
import type { PersistedDocuments } from './PersistedDocuments.js';

export interface PersistedDocumentsPluginOptions {
  /** The registered operations (the persisted-query manifest). Required. */
  documents: PersistedDocuments;
}

/**
 * Holds `persisted-only` clients to registered operations (see `checkPersistedRequest`); anonymous callers and
 * `open` clients keep automatic persisted queries and full documents. Refusals answer HTTP 400 with
 * `PERSISTED_QUERY_REQUIRED` or `PERSISTED_QUERY_NOT_FOUND`.
 *
 * The check runs in `requestDidStart`, on the raw request, before Apollo Server looks an id up in its APQ store;
 * a refused request is replaced by a stand-in (see `refuseRequest`), so nothing the client sent runs.
 */
export function persistedDocumentsPlugin(
  options: PersistedDocumentsPluginOptions,
): ApolloServerPlugin<PartnerContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const refusal = checkPersistedRequest(contextValue.client, request, options.documents);
      return refusal ? refuseRequest(request, refusal) : undefined;
    },
  };
}
