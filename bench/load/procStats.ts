import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and memory of a started program: its whole process group (the bench starts each program as the leader of
 * a group of its own), so that a program that forks workers, as `gateway/main.ts` does on several cores, is
 * measured whole.
 */

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcessStat {
  pid: number;
  group: number;
  cpuMs: number;
}

/** Something whose CPU time a window counts, by name (`gateway`, `subgraph catalog`, `database`, …). */
export interface CpuMeter {
  name: string;
  /** Starts counting: the function returned tells the CPU ms spent since. */
  start(): () => number;
}

/** A program: its whole process group, led by `leader`. */
export function groupMeter(name: string, leader: number): CpuMeter {
  return {
    name,
    start() {
      const before = groupCpuMs(leader);
      return () => groupCpuMs(leader) - before;
    },
  };
}

/** A PostgreSQL server on this machine: what its backends spent on `database` (see {@link backendCpuMs}). */
export function databaseMeter(name: string, database: string): CpuMeter {
  return {
    name,
    start() {
      const before = backendCpuMs(database);
      return () => {
        let spent = 0;
        for (const [pid, ms] of backendCpuMs(database)) spent += ms - (before.get(pid) ?? 0);
        return spent;
      };
    },
  };
}

/** CPU time the group of `leader` has used so far (user + system of every live member), in ms. */
export function groupCpuMs(leader: number): number {
  return members(leader).reduce((total, member) => total + member.cpuMs, 0);
}

/**
 * CPU time the PostgreSQL server on this machine has spent on `database` so far, by backend: the processes whose
 * title is `postgres: … <user> <database> <client> …`, in ms by pid. Each connection has a backend process of its
 * own, which ends with the connection, so a window adds up each backend's time since it was first seen.
 */
export function backendCpuMs(database: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const pid of livePids()) {
    if (!isBackendOf(pid, database)) continue;
    const stat = readStat(pid);
    if (stat) found.set(pid, stat.cpuMs);
  }
  return found;
}

function isBackendOf(pid: number, database: string): boolean {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return title.startsWith('postgres: ') && title.split(' ').includes(database);
  } catch {
    return false;
  }
}

/** Resident set of the group of `leader` (the sum over its processes), in MB. */
export function groupRssMb(leader: number): number {
  return members(leader).reduce((total, member) => total + rssMb(member.pid), 0);
}

/** How many processes the group of `leader` has. */
export function groupSize(leader: number): number {
  return members(leader).length;
}

/** The pids of the group of `leader`, the leader first. */
export function groupPids(leader: number): number[] {
  return members(leader)
    .map((member) => member.pid)
    .sort((a, b) => (a === leader ? -1 : b === leader ? 1 : a - b));
}

function members(leader: number): ProcessStat[] {
  const found: ProcessStat[] = [];
  for (const pid of livePids()) {
    const stat = readStat(pid);
    if (stat?.group === leader) found.push(stat);
  }
  return found;
}

/** The pids of every process on the machine now. */
function livePids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, the process
    // group 5, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
    return { pid, group: Number(fields[5 - 3]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

/** Resident set of one process, in MB; 0 once it has ended. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
