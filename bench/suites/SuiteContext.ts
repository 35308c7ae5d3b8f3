import type { ProcessGroup } from '../launch/ProcessGroup.js';
import type { CpuMeter } from '../load/procStats.js';
import type { Secrets } from '../launch/columns.js';
import type { SubgraphProcess } from '../launch/startSubgraphProcesses.js';
import type { Page } from '../load/pages.js';
import type { BenchOptions } from '../options.js';
import type { Cells } from './runRounds.js';

/** What both suites run with. */
export interface SuiteContext {
  group: ProcessGroup;
  options: BenchOptions;
  secrets: Secrets;
  subgraphs: SubgraphProcess[];
  /** What the database spends (see `BenchDatabase.meter`); none for a server elsewhere. */
  database?: CpuMeter;
  pages: Page[];
  /** Prefix of the Redis keys of the Redis column, removed at the end. */
  redisKeyPrefix: string;
  progress(message: string): void;
}

/** One suite's measurements. */
export interface SuiteResult {
  name: string;
  columns: Array<{ id: string; label: string }>;
  pages: string[];
  cells: Cells;
  /** Requests the canned subgraphs could not answer (gateway-only suite). */
  replayMisses?: number;
}

/** Sums `{ requests, statements }` over stats endpoints. */
export async function readCounters(urls: readonly string[]) {
  const all = await Promise.all(
    urls.map(async (url) => (await (await fetch(url)).json()) as { requests: number; statements?: number }),
  );
  return {
    subgraphRequests: all.reduce((sum, one) => sum + one.requests, 0),
    statements: all.reduce((sum, one) => sum + (one.statements ?? 0), 0),
  };
}
