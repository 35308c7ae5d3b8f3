import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Subgraph } from '../shared/Subgraph.js';
import { createLoaders, type CustomerLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';
import { seed } from './seed.js';

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** Customers, their addresses and wishlists; adds `inWishlist` to the catalog's products. */
export const customer: Subgraph<CustomerLoaders> = {
  name: 'customer',
  typeDefs,
  resolvers,
  permissions,
  createLoaders,
  migrationsDir,
  seed,
};
