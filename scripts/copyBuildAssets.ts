/**
 * The second half of `npm run build`: copies the files the compiled code reads beside itself (each subgraph's
 * `schema.graphql` and `migrations/`, the registry's migrations, the front door's static files, and the repository
 * files the scripts read: `supergraph.yaml`, `schema/`, `config/`) from the sources into the build output, at the
 * same relative paths, so that `import.meta.url`-relative reads work from `dist/` as they do from the sources. Run
 * from the project root as `node <outDir>/scripts/copyBuildAssets.js`; the output folder is the one it runs from.
 */
import path from 'node:path';
import { copyBuildAssets } from './lib/copyBuildAssets.js';

const outDir = path.resolve(import.meta.dirname, '..');
const copied = await copyBuildAssets(process.cwd(), outDir);
console.log(`copied ${copied.length} runtime assets into ${path.relative(process.cwd(), outDir) || '.'}`);
