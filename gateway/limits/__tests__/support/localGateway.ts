import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, type GraphQLSchema } from 'graphql';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type SchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/**
 * A stand-in for Apollo Gateway: it announces `apiSchema` with `supergraphSdl` to Apollo Server and its plugins
 * as the real one does, but executes operations locally against `rootValue` instead of calling subgraphs.
 */
export function localGateway(
  apiSchema: GraphQLSchema,
  supergraphSdl: string,
  rootValue: unknown,
): GatewayInterface {
  const listeners = new Set<SchemaListener>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema, coreSupergraphSdl: supergraphSdl });
      return {
        executor: async ({ document, request, operationName }) =>
          execute({
            schema: apiSchema,
            document,
            rootValue,
            variableValues: request.variables ?? {},
            operationName,
          }),
      };
    },
    async stop() {},
  };
}
