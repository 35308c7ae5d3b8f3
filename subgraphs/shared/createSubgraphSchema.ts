import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny } from 'graphql-shield';
import { ForbiddenError } from './errors.js';
import { shieldMiddleware } from './shieldMiddleware.js';
import type { Subgraph } from './Subgraph.js';

/**
 * The executable schema of `subgraph`: its federation schema with its permissions applied. A field without a rule
 * is denied (`FORBIDDEN`), so a field added later stays closed until its permissions say otherwise.
 *
 * The federation fields need rules like any other: `Query._service` and `_Service.sdl` (or the gateway cannot read
 * the SDL) and `Query._entities` (whose entities are guarded by their own field rules and `__resolveReference`).
 *
 * Fields whose rule is `allow` resolve without shield's middleware (see `shieldMiddleware`); every other field,
 * one without a rule included, goes through shield.
 */
export function createSubgraphSchema(subgraph: Subgraph): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: subgraph.typeDefs,
    resolvers: subgraph.resolvers as GraphQLResolverMap<unknown>,
  });
  return applyMiddleware(
    schema,
    shieldMiddleware(schema, subgraph.permissions, {
      fallbackRule: deny,
      // Shield's default is a plain Error, which clients would see as INTERNAL_SERVER_ERROR.
      fallbackError: new ForbiddenError(),
      // Errors thrown by resolvers (BAD_USER_INPUT, …) reach the caller as they are, not as FORBIDDEN.
      allowExternalErrors: true,
    }),
  );
}
