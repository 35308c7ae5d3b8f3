import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type ContentLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** CMS pages made of blocks; adds editorial, badges and reviews to products, landing pages to categories. */
export const content: Subgraph<ContentLoaders> = {
  name: 'content',
  typeDefs,
  resolvers,
  permissions,
  createLoaders,
  migrationsDir,
  seed,
};
