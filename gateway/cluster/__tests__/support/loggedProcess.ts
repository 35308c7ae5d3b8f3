import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** One JSON line a process printed (pino logs, fixture announcements). */
export type LogLine = Record<string, unknown> & { msg?: string };

/** A TypeScript program run with tsx, its JSON stdout collected line by line. */
export interface LoggedProcess {
  child: ChildProcess;
  /** Every JSON line printed so far. */
  lines: LogLine[];
  /** Resolves with the first `count` lines that match, printed already or to come; rejects after `timeoutMs`. */
  waitFor(match: (line: LogLine) => boolean, count?: number, timeoutMs?: number): Promise<LogLine[]>;
  /** Resolves once the process has exited, with its code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** What it wrote to stderr so far. */
  stderr(): string;
}

/** Starts `script` (a path from the repository root) with tsx and exactly `env` as its environment. */
export function startLoggedProcess(script: string, env: NodeJS.ProcessEnv): LoggedProcess {
  return startLoggedCommand(process.execPath, ['--import', 'tsx', path.join(root, script)], env);
}

/**
 * Runs `command` from the repository root with exactly `env` as its environment. With `detached`, it leads a
 * process group of its own, so that `process.kill(-child.pid)` also stops what it starts (npm → tsx → node).
 */
export function startLoggedCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { detached?: boolean } = {},
): LoggedProcess {
  const script = [path.basename(command), ...args].join(' ');
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      return;
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    waitFor(match, count = 1, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.filter(match);
          if (found.length < count) return false;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(found.slice(0, count));
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          const seen = lines.map((line) => line.msg).join(' | ');
          reject(
            new Error(
              `${script}: fewer than ${count} matching lines after ${timeoutMs} ms; saw ${seen}\n${stderr}`,
            ),
          );
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
  };
}
