import { readSubgraphFolder } from '../shared/readSubgraphFolder.js';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type CatalogLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

/** Products, variants, the category tree and brands, and the product listing. */
export const catalog: Subgraph<CatalogLoaders> = {
  name: 'catalog',
  ...readSubgraphFolder(import.meta.url),
  resolvers,
  permissions,
  createLoaders,
  seed,
};
