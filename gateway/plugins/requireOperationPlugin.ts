import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

/**
 * Answers a document whose operation cannot be chosen (an unknown `operationName`, or several operations and no
 * name) with HTTP 400 `OPERATION_RESOLUTION_FAILURE` before the gateway plans anything. Left alone, Apollo Gateway
 * reports it from inside execution, which Apollo Server turns into a 500.
 */
export function requireOperationPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName.slice(0, 100)}".`
            : 'The document holds several operations; name the one to run in operationName.';
          throw new GraphQLError(message, {
            extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
          });
        },
      };
    },
  };
}
