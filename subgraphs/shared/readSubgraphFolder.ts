import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Subgraph } from './Subgraph.js';

/**
 * The parts of a subgraph that live as files beside its `index.ts`: `schema.graphql` (parsed) and the `migrations/`
 * folder. Every subgraph folder has the same shape, so `index.ts` passes its own `import.meta.url`.
 */
export function readSubgraphFolder(indexUrl: string): Pick<Subgraph, 'typeDefs' | 'migrationsDir'> {
  return {
    typeDefs: parse(readFileSync(new URL('./schema.graphql', indexUrl), 'utf8')),
    migrationsDir: fileURLToPath(new URL('./migrations', indexUrl)),
  };
}
