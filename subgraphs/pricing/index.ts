import { readSubgraphFolder } from '../shared/readSubgraphFolder.js';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type PricingLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

/** Prices per variant and market, and the promotions running in each market. */
export const pricing: Subgraph<PricingLoaders> = {
  name: 'pricing',
  ...readSubgraphFolder(import.meta.url),
  resolvers,
  permissions,
  createLoaders,
  seed,
};
