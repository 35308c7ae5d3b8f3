/**
 * `npm run soak [-- --minutes 30 --connections 10 --rate 10]`: installs the bench's own dependencies when needed
 * (they hold the load tool), then runs the soak, which builds the project first (`npm run build`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDependencies } from '../launch/installDependencies.js';

installDependencies(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'soak');

await import('./runSoak.js');
