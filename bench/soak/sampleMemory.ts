import { readFileSync } from 'node:fs';
import path from 'node:path';
import { groupPids, rssMb } from '../load/procStats.js';
import type { SoakProgram } from './startSoakTopology.js';

/** One process's memory at one moment. */
export interface MemorySample {
  /** Seconds since the load began (negative before). */
  t: number;
  phase: 'before' | 'load' | 'idle';
  /** `gateway cache worker 1`, `gateway cache primary`, `subgraph pricing`, `redis`. */
  process: string;
  pid: number;
  rssMb: number;
  /** From the process's memory probe; absent for Redis, or before the probe first wrote. */
  heap?: {
    usedMb: number;
    totalMb: number;
    externalMb: number;
    arrayBuffersMb: number;
    /** Heap used just after the last full collection: what is live. Absent until the first one. */
    afterFullGcMb?: number;
    /** Full (mark-compact) collections so far. */
    fullGcs: number;
    /** V8 spaces' used sizes, in MB: `new_space`, `old_space`, `code_space`, `large_object_space`, … */
    spaces: Record<string, number>;
  };
}

interface ProbeReading {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  afterFullGc?: number;
  fullGcs: number;
  spaces: Record<string, number>;
}

const MB = 1024 * 1024;

/**
 * Reads every process of every program now: RSS from `/proc`, heap from the probe's file. A gateway with workers
 * is its primary (the group's leader) and its workers, numbered by pid; a worker the primary replaced gets the next
 * number, so a restart shows as a new column rather than as a drop.
 */
export function sampleMemory(
  programs: readonly SoakProgram[],
  probeDir: string,
  t: number,
  phase: MemorySample['phase'],
  /** Worker numbers by gateway (its primary's pid) and worker pid, kept from sample to sample. */
  workerNumbers: Map<number, Map<number, number>>,
): MemorySample[] {
  return programs.flatMap((program) => {
    const pids = groupPids(program.process.pid);
    return pids.map((pid) => {
      const name = program.gateway
        ? `${program.name} ${roleOf(program.process.pid, pid, workerNumbers)}`
        : program.name;
      const heap = readProbe(probeDir, pid);
      return { t, phase, process: name, pid, rssMb: round(rssMb(pid)), ...(heap ? { heap } : {}) };
    });
  });
}

/** The worker pids of a gateway right now (everything in its group but the primary). */
export function workerPids(program: SoakProgram): number[] {
  return groupPids(program.process.pid).filter((pid) => pid !== program.process.pid);
}

function roleOf(leader: number, pid: number, workerNumbers: Map<number, Map<number, number>>): string {
  if (pid === leader) return 'primary';
  let numbers = workerNumbers.get(leader);
  if (!numbers) workerNumbers.set(leader, (numbers = new Map()));
  let number = numbers.get(pid);
  if (number === undefined) numbers.set(pid, (number = numbers.size + 1));
  return `worker ${number}`;
}

function readProbe(probeDir: string, pid: number): MemorySample['heap'] | undefined {
  try {
    const reading = JSON.parse(readFileSync(path.join(probeDir, `${pid}.json`), 'utf8')) as ProbeReading;
    return {
      usedMb: round(reading.heapUsed / MB),
      totalMb: round(reading.heapTotal / MB),
      externalMb: round(reading.external / MB),
      arrayBuffersMb: round(reading.arrayBuffers / MB),
      ...(reading.afterFullGc === undefined ? {} : { afterFullGcMb: round(reading.afterFullGc / MB) }),
      fullGcs: reading.fullGcs,
      spaces: Object.fromEntries(
        Object.entries(reading.spaces).map(([name, bytes]) => [name, round(bytes / MB)]),
      ),
    };
  } catch {
    return undefined;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
