import { measureWindow, type Probe, type WindowResult } from '../load/measureWindow.js';
import type { Page } from '../load/pages.js';
import { rotation, type Rotation } from '../load/runLoad.js';
import type { LiveColumn } from './LiveColumn.js';
import { topUp, warmUp } from './warmUp.js';

/**
 * Requests each column answers per page before its first window, for V8's JIT: a gateway just started spent 3-4
 * times the CPU per uncached ProductPage in its first 50 requests as after 400, and half again after 200 (this one and
 * Apollo Gateway alike, 20 connections, real subgraphs); the windows measure a gateway that has been running.
 */
export const JIT_REQUESTS = 300;
/**
 * Seconds a warm column serves hits after its first page's warm pass, for the JIT of its hits: this gateway spent
 * 0.25-0.30 ms of CPU per hit in its first few thousand hits and 0.15-0.18 ms after ten thousand (Apollo's response
 * cache 0.69, then 0.34-0.39), and a window of a warm column is only a few thousand requests.
 */
const HIT_JIT_SECONDS = 2;
/**
 * Longest top-up: a pass of hits takes a fraction of a second; a cache whose entries of the page all expired since
 * the last pass (they were stored within seconds of each other, and expire together) refills in a few seconds, and
 * a column that does not cache the page at all is not held up longer than this.
 */
const TOP_UP_SECONDS = 3;
/** The top-up of a warm column whose cache does not hold the page (see `holdsPage`): a little traffic, no refill. */
const SHORT_TOP_UP_SECONDS = 0.5;
/** The unmeasured stretch that tells how many requests a column's first window should send. */
const PILOT_SECONDS = 0.25;
/** A window that has not had all its answers after this many times its planned length is cut short. */
const WINDOW_LIMIT_FACTOR = 8;

export interface RoundsOptions {
  rounds: number;
  durationSeconds: number;
  connections: number;
  /** Requests each column answers per page before it is measured, for the JIT (see warmUp.ts). */
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
    await warmUp(columns, page, { ...options, hitJitSeconds: page === pages[0] ? HIT_JIT_SECONDS : 0 });
    const cursors = new Map(columns.map((column) => [column.id, rotation(page.requests)]));
    const rates = new Map<string, number>();
    for (let round = 0; round < options.rounds; round++) {
      options.progress(`${page.name}: round ${round + 1} of ${options.rounds}`);
      for (const column of columns.map((_, i) => columns[(i + round) % columns.length]!)) {
        if (column.warm) {
          const last = cells[page.name]?.[column.id]?.at(-1);
          await topUp(column, page, {
            connections: options.connections,
            maxSeconds: last && !holdsPage(last) ? SHORT_TOP_UP_SECONDS : TOP_UP_SECONDS,
          });
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

/**
 * Whether a warm column's window was answered from its cache: a page it holds costs at most the signed-in viewer's
 * own fields (one subgraph request), one it does not every fetch of the page's plan (five to nine). A column that
 * does not hold the page (a peer's response cache facing a page it will not store) has nothing a longer top-up
 * would refill.
 */
function holdsPage(window: WindowResult): boolean {
  return window.subgraphRequests < 2 * window.sent;
}
