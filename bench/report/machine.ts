import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Where a run happened, for the report's header. */
export interface Machine {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  database: string;
  redis: boolean;
  /** The commit measured, with `+ uncommitted changes` when the tree differs from it. */
  commit: string;
}

export function describeMachine(root: string, database: string, redis: boolean): Machine {
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database,
    redis,
    commit: commitOf(root),
  };
}

function commitOf(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
