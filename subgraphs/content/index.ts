import { readSubgraphFolder } from '../shared/readSubgraphFolder.js';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type ContentLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

/** CMS pages made of blocks; adds editorial, badges and reviews to products, landing pages to categories. */
export const content: Subgraph<ContentLoaders> = {
  name: 'content',
  ...readSubgraphFolder(import.meta.url),
  resolvers,
  permissions,
  createLoaders,
  seed,
};
