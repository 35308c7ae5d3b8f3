import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type PricingLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** Prices per variant and market, and the promotions running in each market. */
export const pricing: Subgraph<PricingLoaders> = {
  name: 'pricing',
  typeDefs,
  resolvers,
  permissions,
  createLoaders,
  migrationsDir,
  seed,
};
