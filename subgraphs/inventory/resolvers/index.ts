import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import type { InventoryLoaders } from '../loaders.js';
import { Mutation } from './Mutation.js';
import { Product } from './Product.js';
import { ProductVariant } from './ProductVariant.js';
import { Query } from './Query.js';

/** The inventory subgraph's resolver map, one entry per GraphQL type with resolvers of its own. */
export const resolvers: GraphQLResolverMap<SubgraphContext<InventoryLoaders>> = {
  Query,
  Mutation,
  Product,
  ProductVariant,
};
