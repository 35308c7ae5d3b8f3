import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from '../../contracts/errors.js';

/** A request context that carries the request's id (`x-request-id`, see `contracts/requestId.ts`). */
export interface IdentifiedContext {
  requestId: string;
}

/** Whether `error` reaches the caller as `INTERNAL_SERVER_ERROR`: anything thrown without a code of its own. */
export function isUnexpectedError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  const code = error.extensions['code'];
  return code === undefined || code === ErrorCode.InternalServerError;
}

/**
 * Logs each unexpected error of a request once, in full (`err`: as thrown, with its cause and stack), with its
 * path and the request id, so that the line can be found from the gateway's line for the same client request.
 * The caller gets it masked by the server's `formatError`.
 */
export function logUnexpectedErrors<C extends IdentifiedContext>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            const err = error.originalError ?? error;
            logger.error({ err, path: error.path, requestId: contextValue.requestId }, 'resolver failed');
          }
        },
      };
    },
  };
}
