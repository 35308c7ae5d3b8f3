import type { Resolvers } from '../__generated__/resolvers.js';
import { Mutation } from './Mutation.js';
import { Product } from './Product.js';
import { ProductVariant } from './ProductVariant.js';
import { Query } from './Query.js';

/** The inventory subgraph's resolver map, one entry per GraphQL type with resolvers of its own. */
export const resolvers: Resolvers = { Query, Mutation, Product, ProductVariant };
