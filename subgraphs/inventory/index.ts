import { readSubgraphFolder } from '../shared/readSubgraphFolder.js';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type InventoryLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

/** Stock per variant and warehouse, and the shipping estimate that follows from it. */
export const inventory: Subgraph<InventoryLoaders> = {
  name: 'inventory',
  ...readSubgraphFolder(import.meta.url),
  resolvers,
  permissions,
  createLoaders,
  seed,
};
