import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The source folders whose non-TypeScript files the running code reads beside itself. */
export const ASSET_FOLDERS = ['gateway', 'subgraphs', 'contracts', 'registry'] as const;

/**
 * The repository's files that the compiled scripts read from the project root (`schema.js publish --all`: the list
 * of subgraphs, the page operations and their manifest, the client registry, the schema policy), copied to the
 * output's root so that a script resolving them against its own folder's parent finds them in `dist/` too.
 */
export const REPOSITORY_FILES = ['supergraph.yaml', 'schema', 'config'] as const;

/**
 * Copies every runtime asset under `root`'s asset folders and repository files (any file but TypeScript, READMEs
 * and tests) into `outDir` at the same relative path. Returns the copied paths, relative to `root`, sorted.
 */
export async function copyBuildAssets(root: string, outDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const entry of [...ASSET_FOLDERS, ...REPOSITORY_FILES]) {
    for (const relative of await filesUnder(root, entry)) {
      if (!isRuntimeAsset(relative)) continue;
      await cp(path.join(root, relative), path.join(outDir, relative));
      copied.push(relative);
    }
  }
  return copied.sort();
}

/** `entry` itself when it is a file, else every file under it; relative to `root`. */
async function filesUnder(root: string, entry: string): Promise<string[]> {
  if ((await stat(path.join(root, entry))).isFile()) return [entry];
  const files: string[] = [];
  for (const name of await readdir(path.join(root, entry), { recursive: true })) {
    const relative = path.join(entry, name);
    if ((await stat(path.join(root, relative))).isFile()) files.push(relative);
  }
  return files;
}

// TypeScript is compiled, and READMEs and tests are for people working on the sources.
function isRuntimeAsset(relative: string): boolean {
  const parts = relative.split(path.sep);
  return !relative.endsWith('.ts') && path.basename(relative) !== 'README.md' && !parts.includes('__tests__');
}
