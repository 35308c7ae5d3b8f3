import type { QueryResolvers } from '../__generated__/resolvers.js';

/** Inventory's root fields. */
export const Query: QueryResolvers = {
  warehouses(_root, _args, { loaders }) {
    return loaders.warehouses.load('all');
  },
};
