import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type CatalogLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** Products, variants, the category tree and brands, and the product listing. */
export const catalog: Subgraph<CatalogLoaders> = {
  name: 'catalog',
  typeDefs,
  resolvers,
  permissions,
  createLoaders,
  migrationsDir,
  seed,
};
