import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The branches whose merge base with HEAD is the default baseline, in order of preference. */
export const BASE_BRANCHES = ['main', 'origin/main', 'master'] as const;

/** The baseline of a local check: the committed supergraph at a git commit. */
export interface SupergraphAtRef {
  /** The ref as asked for (`HEAD^`), or `merge-base HEAD main` and the like. */
  ref: string;
  commit: string;
  /** Null when the file does not exist at that commit. */
  supergraphSdl: string | null;
}

/**
 * The committed supergraph (`file`, in the git checkout at `root`) at `ref`; without `ref`, at the merge base of
 * HEAD with the first of {@link BASE_BRANCHES} that exists. Throws, with the advice to pass `--base`, outside a git
 * checkout, for an unknown ref, or when no base branch exists.
 */
export async function readSupergraphAtRef(
  root: string,
  file: string,
  ref?: string,
): Promise<SupergraphAtRef> {
  const git = async (...args: string[]) =>
    (await run('git', args, { cwd: root, maxBuffer: 64 << 20 })).stdout;
  try {
    await git('rev-parse', '--is-inside-work-tree');
  } catch {
    throw new Error(
      `${root} is not a git checkout, so there is no committed supergraph to check against: run the check in a ` +
        'clone (and pass --base <ref>), or against a registry (REGISTRY_URL)',
    );
  }
  const base = ref === undefined ? await mergeBase() : { ref, commit: await commitOf(ref) };
  const relative = `./${path.relative(root, file).split(path.sep).join('/')}`;
  try {
    return { ...base, supergraphSdl: await git('show', `${base.commit}:${relative}`) };
  } catch {
    return { ...base, supergraphSdl: null };
  }

  async function commitOf(name: string): Promise<string> {
    try {
      return (await git('rev-parse', '--verify', '--quiet', `${name}^{commit}`)).trim();
    } catch {
      throw new Error(
        `Unknown git ref "${name}": pass --base with a commit, branch or tag of this repository`,
      );
    }
  }

  async function mergeBase(): Promise<{ ref: string; commit: string }> {
    for (const branch of BASE_BRANCHES) {
      try {
        const commit = (await git('merge-base', 'HEAD', branch)).trim();
        return { ref: `merge-base HEAD ${branch}`, commit };
      } catch {
        // Not there (or no common history): try the next.
      }
    }
    throw new Error(
      `No base to check against: none of ${BASE_BRANCHES.join(', ')} shares history with HEAD; pass --base <ref>`,
    );
  }
}
