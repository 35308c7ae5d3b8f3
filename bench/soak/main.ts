/**
 * `npm run soak [-- --minutes 30 --connections 10 --rate 10]`: installs the bench's own dependencies when needed
 * (they hold the load tool), builds the project when `dist/` is missing or older than its sources, then runs the soak.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDependencies } from '../launch/installDependencies.js';

installDependencies(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'soak');

await import('./runSoak.js');
