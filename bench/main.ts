/**
 * `npm run bench [-- --quick] [-- --json]`: installs the bench's own dependencies when they are missing or older
 * than its lock file (`npm ci` in bench/, kept apart from the project's install), then runs the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const lockFile = path.join(benchDir, 'package-lock.json');
const installed = path.join(benchDir, 'node_modules', '.package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockFile).mtimeMs) {
  console.error('[bench] installing bench/ dependencies (npm ci in bench/)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('[bench] npm ci in bench/ failed');
    process.exit(npm.status ?? 1);
  }
}

await import('./runBench.js');
