import { measureWindow, type Probe, type WindowResult } from '../load/measureWindow.js';
import type { Page } from '../load/pages.js';
import { rotation } from '../load/runLoad.js';
import type { LiveColumn } from './LiveColumn.js';
import { topUp, warmUp } from './warmUp.js';

/** Longest top-up: enough for a pass of hits, or to refill what expired of a cache that holds the page. */
const TOP_UP_SECONDS = 0.5;

export interface RoundsOptions {
  rounds: number;
  durationSeconds: number;
  connections: number;
  /** Requests per page for the JIT of columns without a cache. */
  jitRequests: number;
  /** What to measure besides the gateway while `column` is under load. */
  probe(column: LiveColumn): Probe;
  progress(message: string): void;
}

/** Page name → column id → one result per round. */
export type Cells = Record<string, Record<string, WindowResult[]>>;

/**
 * Page by page: every column warms up (warmUp.ts), then round-robin: in every round the page runs against every
 * column in turn, the first column moving by one each round, so that noise from anything else on the machine falls
 * on all columns alike. A warm column gets a short top-up before each window. Each column walks the page's
 * rotation from where its previous window stopped.
 */
export async function runRounds(
  columns: readonly LiveColumn[],
  pages: readonly Page[],
  options: RoundsOptions,
) {
  const cells: Cells = {};
  for (const page of pages) {
    options.progress(`${page.name}: warming ${columns.length} columns`);
    await warmUp(columns, page, options);
    const cursors = new Map(columns.map((column) => [column.id, rotation(page.requests)]));
    for (let round = 0; round < options.rounds; round++) {
      options.progress(`${page.name}: round ${round + 1} of ${options.rounds}`);
      for (const column of columns.map((_, i) => columns[(i + round) % columns.length]!)) {
        if (column.warm) {
          await topUp(column, page, { connections: options.connections, maxSeconds: TOP_UP_SECONDS });
        }
        const result = await measureWindow(
          {
            url: column.url,
            connections: options.connections,
            next: cursors.get(column.id)!,
            durationSeconds: options.durationSeconds,
          },
          column.pid,
          options.probe(column),
        );
        ((cells[page.name] ??= {})[column.id] ??= []).push(result);
      }
    }
  }
  return cells;
}
