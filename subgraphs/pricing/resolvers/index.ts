import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import type { PricingLoaders } from '../loaders.js';
import { Mutation } from './Mutation.js';
import { Product } from './Product.js';
import { ProductVariant } from './ProductVariant.js';

/** The pricing subgraph's resolver map, one entry per GraphQL type with resolvers of its own. */
export const resolvers: GraphQLResolverMap<SubgraphContext<PricingLoaders>> = {
  Mutation,
  Product,
  ProductVariant,
};
