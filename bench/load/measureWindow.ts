import { groupCpuMs, groupRssMb, groupSize, type CpuMeter } from './procStats.js';
import { runLoad, type LoadOptions, type LoadResult } from './runLoad.js';

/** The processes and counters a window reads before and after its load. */
export interface Probe {
  /** Everything whose CPU time is counted: the gateway, each subgraph, the database. */
  meters: readonly CpuMeter[];
  /** Subgraph requests served and SQL statements run so far, over all subgraphs (real or canned). */
  counters(): Promise<{ subgraphRequests: number; statements: number }>;
}

export interface WindowResult extends LoadResult {
  /** CPU time used during the window, in ms, by process name; `load` is the load generator (this process). */
  cpuMs: Record<string, number>;
  subgraphRequests: number;
  statements: number;
  /** Largest resident set of the gateway under test seen during the window (all its processes), in MB. */
  gatewayRssMb: number;
  /** Processes the gateway under test runs as (its workers and their primary). */
  gatewayProcesses: number;
}

const RSS_SAMPLE_MS = 200;
const SETTLE_POLL_MS = 50;
const SETTLE_MAX_MS = 5_000;
/** Gateway CPU per poll below which it counts as idle. */
const IDLE_CPU_MS = 3;

/**
 * Runs one stretch of load against the gateway `gatewayPid` and measures what every probed process spent. Should
 * the load stop with requests still in flight (a time limit), the servers still work on them: the window ends only
 * once that work has settled, so it is counted here (per request sent) and not in the next window.
 */
export async function measureWindow(
  load: LoadOptions,
  gatewayPid: number,
  probe: Probe,
): Promise<WindowResult> {
  const counters = await probe.counters();
  const spent = probe.meters.map((meter) => [meter.name, meter.start()] as const);
  const ownCpu = process.cpuUsage();
  let gatewayRssMb = groupRssMb(gatewayPid);
  const sampler = setInterval(() => {
    gatewayRssMb = Math.max(gatewayRssMb, groupRssMb(gatewayPid));
  }, RSS_SAMPLE_MS);
  let result: LoadResult;
  try {
    result = await runLoad(load);
  } finally {
    clearInterval(sampler);
  }
  gatewayRssMb = Math.max(gatewayRssMb, groupRssMb(gatewayPid));
  const after = await settled(probe, gatewayPid);
  const own = process.cpuUsage(ownCpu);
  return {
    ...result,
    cpuMs: {
      ...Object.fromEntries(spent.map(([name, since]) => [name, since()])),
      load: (own.user + own.system) / 1000,
    },
    subgraphRequests: after.subgraphRequests - counters.subgraphRequests,
    statements: after.statements - counters.statements,
    gatewayRssMb,
    gatewayProcesses: groupSize(gatewayPid),
  };
}

/** Waits until the subgraph counters stop moving and the gateway is idle; returns the final counters. */
async function settled(probe: Probe, gatewayPid: number) {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let counters = await probe.counters();
  let cpu = groupCpuMs(gatewayPid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const nextCounters = await probe.counters();
    const nextCpu = groupCpuMs(gatewayPid);
    const idle = nextCounters.subgraphRequests === counters.subgraphRequests && nextCpu - cpu < IDLE_CPU_MS;
    counters = nextCounters;
    cpu = nextCpu;
    if (idle || Date.now() > deadline) return counters;
  }
}
