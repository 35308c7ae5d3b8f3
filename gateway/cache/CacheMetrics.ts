/**
 * Which cache a count is about: whole responses, subgraph entities, automatic persisted queries, or the store
 * under all three (its failed calls, which cannot be told apart by layer).
 */
export type CacheLayer = 'response' | 'entity' | 'apq' | 'store';

/**
 * What happened: `stale` is an expired entry served because its source failed; `error` a failed cache call;
 * `timeout` a cache call given up on after `CACHE_TIMEOUT_MS` (a slow store, or this process's own event-loop lag);
 * `eviction` a live entry dropped from an in-process store to stay within its bytes (layer `store`).
 */
export type CacheEvent =
  'hit' | 'miss' | 'stale' | 'store' | 'error' | 'timeout' | 'invalidation' | 'eviction';

export const CACHE_LAYERS: readonly CacheLayer[] = ['response', 'entity', 'apq', 'store'];
export const CACHE_EVENTS: readonly CacheEvent[] = [
  'hit',
  'miss',
  'stale',
  'store',
  'error',
  'timeout',
  'invalidation',
  'eviction',
];

/** Every counter, by layer then event. */
export type CacheMetricsSnapshot = Record<CacheLayer, Record<CacheEvent, number>>;

/**
 * Counters of cache events per layer. Plain and dependency-free on purpose: the request path only adds to numbers,
 * and an exporter (Prometheus, logs) reads `snapshot()` on its own schedule.
 */
export class CacheMetrics {
  private readonly counts: CacheMetricsSnapshot = emptySnapshot();

  /** Adds `count` (default 1) to the counter of `event` in `layer`; a count that is not a whole number ≥ 0 is ignored. */
  record(layer: CacheLayer, event: CacheEvent, count = 1): void {
    // Counters must only grow (rates are derived from them), and this runs on the request path, where a
    // miscounting caller should not fail the request: a bad count is dropped rather than thrown.
    if (!Number.isSafeInteger(count) || count < 0) return;
    this.counts[layer][event] += count;
  }

  /** A copy of every counter; later records do not change it. */
  snapshot(): CacheMetricsSnapshot {
    const copy = emptySnapshot();
    for (const layer of CACHE_LAYERS) Object.assign(copy[layer], this.counts[layer]);
    return copy;
  }
}

function emptySnapshot(): CacheMetricsSnapshot {
  const zeros = (): Record<CacheEvent, number> =>
    Object.fromEntries(CACHE_EVENTS.map((event) => [event, 0])) as Record<CacheEvent, number>;
  return { response: zeros(), entity: zeros(), apq: zeros(), store: zeros() };
}
