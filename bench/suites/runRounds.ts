import { measureWindow, type Probe, type WindowResult } from '../load/measureWindow.js';
import type { Page } from '../load/pages.js';
import { rotation, type Rotation } from '../load/runLoad.js';
import type { LiveColumn } from './LiveColumn.js';
import { topUp, warmUp } from './warmUp.js';

/** Longest top-up: enough for a pass of hits, or to refill what expired of a cache that holds the page. */
const TOP_UP_SECONDS = 0.5;
/** The unmeasured stretch that tells how many requests a column's first window should send. */
const PILOT_SECONDS = 0.25;
/** A window that has not had all its answers after this many times its planned length is cut short. */
const WINDOW_LIMIT_FACTOR = 8;

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
 *
 * A window sends a number of requests, about `durationSeconds` at the rate the column last answered (at least one
 * per connection), and lasts until the last answer arrives. A window cut off at a time instead would drop the
 * answers still in flight from the count, up to one per connection, and so understate most the columns whose
 * answers take longest: with 20 connections and answers of half a second, a 0.75 s window counts half the work.
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
    const rates = new Map<string, number>();
    for (let round = 0; round < options.rounds; round++) {
      options.progress(`${page.name}: round ${round + 1} of ${options.rounds}`);
      for (const column of columns.map((_, i) => columns[(i + round) % columns.length]!)) {
        if (column.warm) {
          await topUp(column, page, { connections: options.connections, maxSeconds: TOP_UP_SECONDS });
        }
        const next = cursors.get(column.id)!;
        const rate =
          rates.get(column.id) ?? (await pilotRate(column, next, options.connections, options.probe(column)));
        const result = await measureWindow(
          {
            url: column.url,
            connections: options.connections,
            next,
            amount: Math.max(options.connections, Math.round(rate * options.durationSeconds)),
            maxSeconds: options.durationSeconds * WINDOW_LIMIT_FACTOR,
          },
          column.pid,
          options.probe(column),
        );
        if (result.requests > 0) rates.set(column.id, result.requests / result.seconds);
        ((cells[page.name] ??= {})[column.id] ??= []).push(result);
      }
    }
  }
  return cells;
}

/**
 * Requests a second `column` answers in a short stretch: a first guess, refined by every window. Measured like a
 * window and thrown away, so that what it leaves in flight has settled before the first window starts.
 */
async function pilotRate(
  column: LiveColumn,
  next: Rotation,
  connections: number,
  probe: Probe,
): Promise<number> {
  const pilot = await measureWindow(
    { url: column.url, connections, next, durationSeconds: PILOT_SECONDS },
    column.pid,
    probe,
  );
  return pilot.requests / Math.max(pilot.seconds, PILOT_SECONDS);
}
