import type { Page } from '../load/pages.js';
import { rotation, runLoad } from '../load/runLoad.js';
import type { LiveColumn } from './LiveColumn.js';

/**
 * Before a page's rounds, all columns at once: each warm column makes one pass over the page's rotation (so it
 * measures what a storefront's warm cache serves), and every column answers at least `jitRequests`, so that V8 has
 * compiled its hot paths before it is measured: a gateway just started answers its first few hundred uncached
 * pages at half the speed it reaches later (this one and the peers alike). A column that answers none of them right
 * is reported at once.
 */
export async function warmUp(
  columns: readonly LiveColumn[],
  page: Page,
  options: {
    connections: number;
    jitRequests: number;
    /** Seconds each warm column then serves the rotation from its cache, for the JIT of its hits. Default 0. */
    hitJitSeconds?: number;
    progress(message: string): void;
  },
): Promise<void> {
  await Promise.all(
    columns
      .filter((column) => !column.replaysOnly)
      .map(async (column) => {
        const amount = column.warm
          ? Math.max(page.requests.length, options.jitRequests)
          : options.jitRequests;
        const result = await runLoad({
          url: column.warmThrough?.url ?? column.url,
          ...(column.warmThrough ? { headers: column.warmThrough.headers } : {}),
          connections: Math.min(options.connections, amount),
          next: rotation(page.requests),
          amount,
        });
        if (result.failures + result.graphqlErrors >= result.requests) {
          // Not fatal yet: a column fails the bench when its measured windows answer nothing right.
          const detail = result.firstError ?? `${result.failures} of ${result.requests} failed`;
          options.progress(
            `warning: ${column.label} answered no ${page.name} request right while warming up: ${detail}`,
          );
        }
        if (column.warm && options.hitJitSeconds) {
          await runLoad({
            url: column.url,
            connections: options.connections,
            next: rotation(page.requests),
            durationSeconds: options.hitJitSeconds,
          });
        }
      }),
  );
}

/**
 * Before each window of a warm column: one more pass over the rotation, for at most `maxSeconds`, so that what
 * expired since (the subgraphs' hints are as short as 30 s) is fetched again before the column is measured.
 */
export async function topUp(
  column: LiveColumn,
  page: Page,
  options: { connections: number; maxSeconds: number },
) {
  await runLoad({
    url: column.url,
    connections: Math.min(options.connections, page.requests.length),
    next: rotation(page.requests),
    amount: page.requests.length,
    maxSeconds: options.maxSeconds,
  });
}
