import { EVERYTHING, type Cache, type CacheEntry, type SetOptions } from './Cache.js';
import { optionalFunction, positiveInteger } from './optionChecks.js';
import { StallBreaker } from './StallBreaker.js';

/** A `Cache` method, as named to `onError`. */
export type CacheOperation =
  'getMany' | 'set' | 'reserve' | 'fill' | 'purgedSince' | 'delete' | 'invalidate' | 'clear' | 'close';

/** Options of {@link ResilientCache}. */
export interface ResilientCacheOptions {
  /** Longest wait for one call before answering without the cache, in ms. Default 100. */
  timeoutMs?: number;
  /** Told of every failed or timed-out call (to count it under its layer, or log it). Default: ignore. */
  onError?: (operation: CacheOperation, error: unknown) => void;
  /**
   * Remembers a stall across calls (and with whatever else shares the store, such as the rate limiter), so that
   * a request pays one timeout, not one per call. Default: one of its own.
   */
  breaker?: StallBreaker;
}

/** The error `onError` receives when a call took longer than `timeoutMs`. */
export class CacheTimeoutError extends Error {
  constructor(
    readonly operation: CacheOperation,
    readonly timeoutMs: number,
  ) {
    super(`cache ${operation} took longer than ${timeoutMs} ms`);
    this.name = 'CacheTimeoutError';
  }
}

const OWNER = 'ResilientCache';

/** Purges always go to the store, stalled or not: skipping one would leave what it removes in the store. */
const ALWAYS_TRIED: ReadonlySet<CacheOperation> = new Set(['invalidate', 'clear']);

/**
 * Makes any `Cache` safe on the request path: a cache that is slow or down must cost a miss, never a failed or
 * stalled request. Every call races `timeoutMs`; on an error or a timeout it reports to `onError` and answers as an
 * empty cache would (`getMany` all misses, `invalidate` 0, the rest simply resolve), except `purgedSince`, which
 * answers that everything was purged: when a purge cannot be ruled out, nothing is stored. A call that lost the race
 * still runs to completion in the wrapped cache; only its answer is ignored. After a timeout, reads and writes
 * answer at once without the cache until a probe answers in time or the call that timed out answers late (see
 * `StallBreaker`); purges are always tried.
 * `close` is not bounded: it is not on the request path, and the store bounds its own.
 */
export class ResilientCache implements Cache {
  private readonly timeoutMs: number;
  private readonly onError: (operation: CacheOperation, error: unknown) => void;
  private readonly breaker: StallBreaker;

  constructor(
    private readonly inner: Cache,
    options: ResilientCacheOptions = {},
  ) {
    this.timeoutMs = positiveInteger(OWNER, 'timeoutMs', options.timeoutMs, 100);
    this.onError = optionalFunction(OWNER, 'onError', options.onError, () => {});
    this.breaker = options.breaker ?? new StallBreaker();
  }

  getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    return this.guard(
      'getMany',
      keys.map(() => undefined),
      () => this.inner.getMany(keys),
    );
  }

  set(key: string, value: string, options: SetOptions): Promise<void> {
    return this.guard('set', undefined, () => this.inner.set(key, value, options));
  }

  reserve(key: string, options: SetOptions): Promise<void> {
    return this.guard('reserve', undefined, () => this.inner.reserve(key, options));
  }

  fill(key: string, value: string, options: SetOptions): Promise<void> {
    return this.guard('fill', undefined, () => this.inner.fill(key, value, options));
  }

  purgedSince(tags: readonly string[], since: number): Promise<ReadonlySet<string>> {
    return this.guard('purgedSince', new Set([EVERYTHING, ...tags]), () =>
      this.inner.purgedSince(tags, since),
    );
  }

  delete(key: string): Promise<void> {
    return this.guard('delete', undefined, () => this.inner.delete(key));
  }

  invalidate(tags: readonly string[]): Promise<number> {
    return this.guard('invalidate', 0, () => this.inner.invalidate(tags));
  }

  clear(): Promise<void> {
    return this.guard('clear', undefined, () => this.inner.clear());
  }

  async close(): Promise<void> {
    // Racing the request timeout here made a normal shutdown warn whenever the event loop was busy for 100 ms
    // (emptying a large in-process tier is enough).
    try {
      await this.inner.close();
    } catch (error) {
      this.report('close', error);
    }
  }

  private async guard<T>(operation: CacheOperation, fallback: T, call: () => Promise<T>): Promise<T> {
    if (!ALWAYS_TRIED.has(operation) && !this.breaker.allows()) return fallback;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CacheTimeoutError(operation, this.timeoutMs)), this.timeoutMs);
      // A pending cache call must not keep the process alive at shutdown.
      timer.unref();
    });
    let pending: Promise<T> | undefined;
    try {
      pending = call();
      // Promise.race subscribes to the losing call too, so its late rejection is never unhandled.
      const answer = await Promise.race([pending, timeout]);
      this.breaker.answered();
      return answer;
    } catch (error) {
      if (error instanceof CacheTimeoutError) {
        this.breaker.timedOut();
        // A late answer ends the skip too: a call held up by this process's own busy event loop, not by the
        // store, answers moments after its timer fired, and the store is used again at once.
        pending?.then(
          () => this.breaker.answered(),
          () => undefined,
        );
      }
      this.report(operation, error);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  private report(operation: CacheOperation, error: unknown): void {
    try {
      this.onError(operation, error);
    } catch {
      // Reporting is best effort: a failing reporter must not turn a cache miss into a failed request.
    }
  }
}
