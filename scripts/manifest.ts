/**
 * `npm run manifest`: builds schema/persisted-query-manifest.json from the operations in schema/operations, in
 * Apollo's persisted-query-manifest format. Partners with the `persisted-only` policy may run only these.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildManifest, serializeManifest } from './lib/persistedQueryManifest.js';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'schema', 'persisted-query-manifest.json');

const manifest = await buildManifest(path.join(root, 'schema', 'operations'));
await writeFile(output, serializeManifest(manifest));
console.log(`Wrote ${path.relative(root, output)} (${manifest.operations.length} operations)`);
