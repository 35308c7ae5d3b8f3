import { readSubgraphFolder } from '../shared/readSubgraphFolder.js';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type CustomerLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

/** Customers, their addresses and wishlists; adds `inWishlist` to the catalog's products. */
export const customer: Subgraph<CustomerLoaders> = {
  name: 'customer',
  ...readSubgraphFolder(import.meta.url),
  resolvers,
  permissions,
  createLoaders,
  seed,
};
