import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Installs the bench's own dependencies (`npm ci` in bench/, kept apart from the project's install) when they are
 * missing or older than its lock file; exits the process if that fails.
 */
export function installDependencies(benchDir: string, tag: string): void {
  const lockFile = path.join(benchDir, 'package-lock.json');
  const installed = path.join(benchDir, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockFile).mtimeMs) return;
  console.error(`[${tag}] installing bench/ dependencies (npm ci in bench/)`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error(`[${tag}] npm ci in bench/ failed`);
    process.exit(npm.status ?? 1);
  }
}
