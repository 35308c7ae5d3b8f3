/**
 * `npm run bench [-- --quick] [-- --json]`: installs the bench's own dependencies when they are missing or older
 * than its lock file (`npm ci` in bench/, kept apart from the project's install), then runs the benchmark.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDependencies } from './launch/installDependencies.js';

installDependencies(path.dirname(fileURLToPath(import.meta.url)), 'bench');

await import('./runBench.js');
