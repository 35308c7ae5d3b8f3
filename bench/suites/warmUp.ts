import type { Page } from '../load/pages.js';
import { rotation, runLoad } from '../load/runLoad.js';
import type { LiveColumn } from './LiveColumn.js';

/**
 * Before a page's rounds, all columns at once: each warm column makes one pass over the page's rotation (so it
 * measures what a storefront's warm cache serves), each other column gets `jitRequests` for the JIT. A column that
 * answers none of them right is reported at once.
 */
export async function warmUp(
  columns: readonly LiveColumn[],
  page: Page,
  options: { connections: number; jitRequests: number; progress(message: string): void },
): Promise<void> {
  await Promise.all(
    columns
      .filter((column) => !column.replaysOnly)
      .map(async (column) => {
        const amount = column.warm
          ? page.requests.length
          : Math.min(options.jitRequests, page.requests.length);
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
      }),
  );
}

/**
 * Between two windows of a warm column: one more pass over the rotation, for at most `maxSeconds`, so that what
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
