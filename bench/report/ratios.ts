import type { SuiteSummary } from './summarize.js';

/** A target of the issue, as a ratio of two measurements on one page (above 1: this gateway is ahead). */
export interface Ratio {
  name: string;
  page: string;
  value: number;
}

type Metric = 'rps' | 'rss' | 'cpu';

/**
 * The ratios the issue sets targets for: warm (b) against the best peer cache and against bare node:http, uncached
 * (a) against each plain peer, the signed-in ProductPage with the entity cache (c) against plain Apollo, and in the
 * gateway-only suite this gateway against plain Apollo (throughput, and memory: below 1 means less memory).
 *
 * Beside the uncached ones, two that tell them apart from the machine: the gateway CPU per page of plain Apollo
 * over this gateway's (what a core of gateway serves, whatever shares the machine), and the most any gateway
 * could reach over plain Apollo in requests/s on this machine, were it to cost no CPU at all: while every program
 * shares the cores, a page costs the subgraphs and the database as much behind any gateway.
 */
export function targetRatios(pages: SuiteSummary, gatewayOnly?: SuiteSummary): Ratio[] {
  const ratios: Ratio[] = [];
  const add = (
    suite: SuiteSummary,
    name: string,
    page: string,
    top: string[],
    bottom: string[],
    metric: Metric,
  ) => {
    const value = (ids: string[]) => Math.max(...ids.map((id) => read(suite, page, id, metric) ?? NaN));
    const ratio = value(top) / value(bottom);
    if (Number.isFinite(ratio)) ratios.push({ name, page, value: ratio });
  };
  for (const page of pages.pages) {
    add(pages, 'warm (b) / best peer cache max(d′, e′), rps', page, ['b'], ['d-cache', 'e-cache'], 'rps');
    add(
      pages,
      'warm (b, Redis) / best peer cache max(d′, e′), rps',
      page,
      ['b-redis'],
      ['d-cache', 'e-cache'],
      'rps',
    );
    add(pages, 'warm (b) / bare (f), rps', page, ['b'], ['f'], 'rps');
    add(pages, 'uncached (a) / Apollo (d), rps', page, ['a'], ['d'], 'rps');
    add(pages, 'uncached (a) / Hive (e), rps', page, ['a'], ['e'], 'rps');
    add(pages, 'uncached: Apollo (d) / this (a), gateway CPU per request', page, ['d'], ['a'], 'cpu');
    const ceiling = noGatewayCeiling(pages.cells[page]?.['d']);
    if (ceiling !== undefined) {
      ratios.push({
        name: 'uncached: most a gateway of no CPU could reach / Apollo (d), rps',
        page,
        value: ceiling,
      });
    }
  }
  add(pages, 'entity cache (c) / Apollo (d), rps', 'ProductPage signed in', ['c'], ['d'], 'rps');
  for (const page of gatewayOnly?.pages ?? []) {
    add(gatewayOnly!, 'gateway only: this (a) / Apollo (d), rps', page, ['a'], ['d'], 'rps');
    add(gatewayOnly!, 'gateway only: this (a) / Apollo (d), RSS', page, ['a'], ['d'], 'rss');
  }
  return ratios;
}

function read(suite: SuiteSummary, page: string, id: string, metric: Metric): number | undefined {
  const cell = suite.cells[page]?.[id];
  if (!cell) return undefined;
  if (metric === 'rps') return cell.rps;
  if (metric === 'rss') return cell.gatewayRssMb;
  return cell.cpuMsPerRequest['gateway'];
}

/**
 * Apollo's CPU per page, everything together (gateway, subgraphs, database, load generator), over all but the
 * gateway's: the requests/s a gateway costing nothing would reach over Apollo's when the cores are what limits
 * both. Undefined when the database was not measured (a server on another machine).
 */
function noGatewayCeiling(apollo: SuiteSummary['cells'][string][string] | undefined): number | undefined {
  const cpu = apollo?.cpuMsPerRequest;
  if (!cpu || cpu['gateway'] === undefined || cpu['subgraphs'] === undefined || cpu['database'] === undefined)
    return undefined;
  const behind = cpu['subgraphs'] + cpu['database'] + (cpu['load'] ?? 0);
  return (cpu['gateway'] + behind) / behind;
}
