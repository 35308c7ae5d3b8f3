import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type InventoryLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** Stock per variant and warehouse, and the shipping estimate that follows from it. */
export const inventory: Subgraph<InventoryLoaders> = {
  name: 'inventory',
  typeDefs,
  resolvers,
  permissions,
  createLoaders,
  migrationsDir,
  seed,
};
