import type { SuiteSummary } from './summarize.js';

/** A target of the issue, as a ratio of two measurements on one page (above 1: this gateway is ahead). */
export interface Ratio {
  name: string;
  page: string;
  value: number;
}

type Metric = 'rps' | 'rss';

/**
 * The ratios the issue sets targets for: warm (b) against the best peer cache and against bare node:http, uncached
 * (a) against each plain peer, the signed-in ProductPage with the entity cache (c) against plain Apollo, and in the
 * gateway-only suite this gateway against plain Apollo (throughput, and memory: below 1 means less memory).
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
  return metric === 'rps' ? cell.rps : cell.gatewayRssMb;
}
