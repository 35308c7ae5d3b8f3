import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The source folders whose non-TypeScript files the running code reads beside itself. */
export const ASSET_FOLDERS = ['gateway', 'subgraphs', 'contracts', 'registry'] as const;

/**
 * Copies every runtime asset under `root`'s asset folders (any file but TypeScript, READMEs and tests) into
 * `outDir` at the same relative path. Returns the copied paths, relative to `root`, sorted.
 */
export async function copyBuildAssets(root: string, outDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const folder of ASSET_FOLDERS) {
    for (const name of await readdir(path.join(root, folder), { recursive: true })) {
      const relative = path.join(folder, name);
      if (!isRuntimeAsset(relative) || !(await stat(path.join(root, relative))).isFile()) continue;
      await cp(path.join(root, relative), path.join(outDir, relative));
      copied.push(relative);
    }
  }
  return copied.sort();
}

// TypeScript is compiled, and READMEs and tests are for people working on the sources.
function isRuntimeAsset(relative: string): boolean {
  const parts = relative.split(path.sep);
  return !relative.endsWith('.ts') && path.basename(relative) !== 'README.md' && !parts.includes('__tests__');
}
