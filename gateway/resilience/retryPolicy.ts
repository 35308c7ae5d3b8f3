import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { SubgraphUnavailableError } from '../errors.js';

/** How query fetches are retried; see `resilienceConfig.ts` for the variables and defaults. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. */
  retries: number;
  /** The first backoff, in ms; later ones grow exponentially, with jitter, up to ten times this. */
  delayMs: number;
  /** No retry starts unless it can begin, backoff included, within this many ms of the first attempt. */
  budgetMs: number;
  now?: () => number;
}

/** Runs a fetch with retries. */
export type Retry = <T>(attempt: () => Promise<T>) => Promise<T>;

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Whether a failed fetch is worth another attempt: the connection failed or dropped, or a proxy or the subgraph
 * said it is briefly unable (502, 503, 504). A timeout is not retried: the subgraph is slow, and asking again
 * would add load to it and make the client wait a second timeout.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof SubgraphUnavailableError)) return false;
  return (
    error.kind === 'connection' || (error.kind === 'status' && RETRYABLE_STATUSES.has(error.status ?? 0))
  );
}

/**
 * Retries with exponential backoff and decorrelated jitter (cockatiel's default), so instances that failed
 * together do not retry together. Bounded in count (`retries`) and in time (`budgetMs`): a fetch ends within the
 * budget plus one attempt's timeout. Meant for queries only: a mutation may have been applied before its answer
 * was lost.
 */
export function createRetry(options: RetryOptions): Retry {
  const now = options.now ?? Date.now;
  const maxDelayMs = options.delayMs * 10;
  const backoff = new ExponentialBackoff({ initialDelay: options.delayMs, maxDelay: maxDelayMs });
  if (options.retries === 0) return (attempt) => attempt();
  return (attempt) => {
    const startedAt = now();
    const withinBudget = () => now() - startedAt + maxDelayMs <= options.budgetMs;
    const policy = retry(
      handleWhen((error) => isRetryable(error) && withinBudget()),
      { maxAttempts: options.retries, backoff },
    );
    return policy.execute(() => attempt());
  };
}
