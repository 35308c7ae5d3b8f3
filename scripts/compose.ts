/**
 * `npm run compose`: composes supergraph.yaml into schema/supergraph.graphql.
 * On composition errors it prints each one with its subgraph and exits 1, leaving the old file in place.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeSupergraph, readSupergraphConfig } from './lib/composeSupergraph.js';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'schema', 'supergraph.graphql');

const result = await composeSupergraph(await readSupergraphConfig(path.join(root, 'supergraph.yaml')));
if (!result.ok) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) console.error(`  [${error.subgraph ?? 'supergraph'}] ${error.message}`);
  process.exit(1);
}
await writeFile(output, result.supergraphSdl);
console.log(`Wrote ${path.relative(root, output)}`);
