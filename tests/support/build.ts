import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `file` with `args` from the project root; a failure's message carries what it printed (tsc's errors). */
export async function run(file: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args, { cwd: root });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

/** The output of `npm run build` in a folder of its own; `remove` deletes it. */
export interface Build {
  outDir: string;
  remove(): Promise<void>;
}

/**
 * `npm run build`'s two steps (tsc, then the assets the compiled code reads beside itself), into a folder of its
 * own inside the project so that the compiled code finds node_modules as `dist/` does.
 */
export async function buildProject(): Promise<Build> {
  await mkdir(path.join(root, '.data'), { recursive: true });
  const outDir = await mkdtemp(path.join(root, '.data', 'build-'));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir]);
  await run(process.execPath, [path.join(outDir, 'scripts', 'copyBuildAssets.js')]);
  return { outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
}
