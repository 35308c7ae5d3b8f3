import type { WindowResult } from '../load/measureWindow.js';
import type { SuiteResult } from '../suites/SuiteContext.js';

/** One cell of the report: a column on a page, all its rounds together. */
export interface CellSummary {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors, timeouts and 2xx answers with GraphQL errors. */
  errors: number;
  /** CPU ms per request: the gateway, all subgraphs together, the embedded database or canned subgraphs, the load. */
  cpuMsPerRequest: Record<string, number>;
  /** Largest resident set of the gateway seen under load (all its processes), in MB. */
  gatewayRssMb: number;
  /** Processes the gateway runs as: 1, or its cluster primary and workers. */
  gatewayProcesses: number;
  subgraphRequestsPerOperation: number;
  statementsPerOperation: number;
  /** The start of the first answer with GraphQL errors, if any. */
  firstError?: string;
}

export interface SuiteSummary {
  name: string;
  columns: Array<{ id: string; label: string }>;
  pages: string[];
  /** Page → column id → summary. */
  cells: Record<string, Record<string, CellSummary>>;
  replayMisses?: number;
}

export function summarizeSuite(suite: SuiteResult): SuiteSummary {
  const cells: SuiteSummary['cells'] = {};
  for (const page of suite.pages) {
    for (const { id } of suite.columns) {
      const windows = suite.cells[page]?.[id];
      if (windows) (cells[page] ??= {})[id] = summarizeCell(windows);
    }
  }
  return {
    name: suite.name,
    columns: suite.columns,
    pages: suite.pages,
    cells,
    ...(suite.replayMisses === undefined ? {} : { replayMisses: suite.replayMisses }),
  };
}

function summarizeCell(windows: readonly WindowResult[]): CellSummary {
  const requests = sum(windows.map((w) => w.requests));
  const sent = sum(windows.map((w) => w.sent));
  const seconds = sum(windows.map((w) => w.seconds));
  const latencies = windows.flatMap((w) => w.latencies).sort((x, y) => x - y);
  const cpu: Record<string, number> = {};
  for (const window of windows) {
    for (const [name, ms] of Object.entries(window.cpuMs)) {
      const group = name.startsWith('subgraph ') ? 'subgraphs' : name;
      cpu[group] = (cpu[group] ?? 0) + ms;
    }
  }
  // The work of a window includes the requests in flight when its time was up: divide by requests sent.
  const perRequest = (value: number) => (sent > 0 ? value / sent : 0);
  return {
    requests,
    rps: seconds > 0 ? requests / seconds : 0,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors: sum(windows.map((w) => w.failures + w.graphqlErrors)),
    cpuMsPerRequest: Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, perRequest(ms)])),
    gatewayRssMb: Math.max(...windows.map((w) => w.gatewayRssMb)),
    gatewayProcesses: Math.max(...windows.map((w) => w.gatewayProcesses)),
    subgraphRequestsPerOperation: perRequest(sum(windows.map((w) => w.subgraphRequests))),
    statementsPerOperation: perRequest(sum(windows.map((w) => w.statements))),
    ...firstErrorOf(windows),
  };
}

function firstErrorOf(windows: readonly WindowResult[]): { firstError?: string } {
  const firstError = windows.find((window) => window.firstError)?.firstError;
  return firstError ? { firstError } : {};
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
