import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePorts } from './freePorts.js';
import { waitForPort } from './waitForPort.js';

/** How to start one program of the bench in a process of its own. */
export interface ProcessSpec {
  /** Short name for logs and the report, e.g. `gateway a` or `subgraph catalog`. */
  name: string;
  /**
   * What to run, relative to the repository root: a TypeScript entry point (run with `node --import tsx`), compiled
   * JavaScript (`runner: 'node'`), or another program (`runner: 'exec'`, e.g. `redis-server`).
   */
  script: string;
  /** How `script` runs. Default `tsx`. */
  runner?: 'tsx' | 'node' | 'exec';
  /** Arguments, given the free ports picked for this start. Default none. */
  args?: (ports: number[]) => string[];
  /** Environment besides PATH, HOME, NODE_ENV=production and NODE_OPTIONS (see below), given the ports. Default none. */
  env?: (ports: number[]) => Record<string, string>;
  /** How many ports to pick. Default 1. */
  ports?: number;
  /** Index of the port the program opens last, which means it is ready. Default 0. */
  readyPort?: number;
  /** Longest wait for readiness (the first start of a subgraph seeds its tables). Default 180 s. */
  timeoutMs?: number;
}

/**
 * The young generation the project's image gives its processes (`NODE_OPTIONS` in the Dockerfile), given to every
 * program here, the peers as much as this gateway and its subgraphs: a setting of Node's that any gateway can take.
 * The image's old-generation cap is left out: it bounds memory for this gateway's caches, not for the peers'.
 */
const PRODUCTION_NODE_OPTIONS = '--max-semi-space-size=32';

export interface RunningProcess {
  name: string;
  pid: number;
  ports: number[];
  /** Where its standard output and error go. */
  logPath: string;
}

const STOP_GRACE_MS = 5_000;
/** A process writing its CPU profile as it stops gets longer. */
const PROFILED_STOP_GRACE_MS = 30_000;
const ATTEMPTS = 3;

/**
 * Every process the bench starts, each in a process group of its own so that stopping it stops anything it spawned.
 * `stopAll()` ends them all (SIGTERM, then SIGKILL after a grace period); an exit of the bench itself, even a crash,
 * kills whatever is still running.
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();

  constructor(
    private readonly root: string,
    private readonly logDir: string,
    /** Which processes write a CPU profile when they stop, and where (`--cpu-prof`); default none. */
    private readonly profiling?: { dir: string; names: readonly string[] },
  ) {
    process.once('exit', () => {
      for (const child of this.children.values()) kill(child, 'SIGKILL');
    });
  }

  /** Starts `spec` on free ports and waits until it listens; retries on new ports if a port was taken meanwhile. */
  async start(spec: ProcessSpec): Promise<RunningProcess> {
    await mkdir(this.logDir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce(spec);
      } catch (error) {
        if (attempt >= ATTEMPTS || !/EADDRINUSE/.test(String(error))) throw error;
      }
    }
  }

  /** Where the process named `name` writes its CPU profile; undefined when it is not profiled. */
  private profileDirOf(name: string): string | undefined {
    const profiled = this.profiling?.names.some((prefix) => fileName(name).startsWith(prefix));
    return profiled && this.profiling ? path.join(this.profiling.dir, fileName(name)) : undefined;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
  }

  async stop(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.children.delete(name);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    kill(child, 'SIGTERM');
    const grace = this.profileDirOf(name) ? PROFILED_STOP_GRACE_MS : STOP_GRACE_MS;
    const timer = setTimeout(() => kill(child, 'SIGKILL'), grace);
    await exited;
    clearTimeout(timer);
  }

  private async startOnce(spec: ProcessSpec): Promise<RunningProcess> {
    const ports = await freePorts(spec.ports ?? 1);
    const logPath = path.join(this.logDir, `${fileName(spec.name)}.log`);
    // The program writes its output to the file itself: through a pipe the bench's own process, which also drives
    // the load, would read and copy every log line (this gateway logs a line per request, the peers none), so the
    // load generator would slow down for the columns that log.
    const log = openSync(logPath, 'w');
    const profileDir = this.profileDirOf(spec.name);
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const runner = spec.runner ?? 'tsx';
    const loader = runner === 'tsx' ? ['--import', 'tsx'] : [];
    const args = [
      ...(runner === 'exec' ? [] : [...profile, ...loader, spec.script]),
      ...(spec.args?.(ports) ?? []),
    ];
    const child = spawn(runner === 'exec' ? spec.script : process.execPath, args, {
      cwd: this.root,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        NODE_ENV: 'production',
        NODE_OPTIONS: PRODUCTION_NODE_OPTIONS,
        ...spec.env?.(ports),
      },
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    this.children.set(spec.name, child);
    const deadline = Date.now() + (spec.timeoutMs ?? 180_000);
    try {
      await waitForPort(ports[spec.readyPort ?? 0]!, () => {
        if (child.exitCode !== null || child.signalCode !== null) return new Error(`${spec.name} exited`);
        if (Date.now() > deadline) return new Error(`${spec.name} was not ready in time`);
        return undefined;
      });
    } catch (error) {
      await this.stop(spec.name);
      const tail = (await readFile(logPath, 'utf8')).split('\n').slice(-15).join('\n');
      throw new Error(`${(error as Error).message}; the end of ${logPath}:\n${tail}`);
    }
    return { name: spec.name, pid: child.pid!, ports, logPath };
  }
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The negative pid addresses the child's whole process group (it was spawned detached).
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** A process name as a file or folder name: `gateway d-cache` → `gateway-d-cache`. */
function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '-');
}
