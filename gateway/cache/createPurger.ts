import type { Cache } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import type { InvalidationBus } from './InvalidationBus.js';
import type { PurgeRequest } from './purgeRequest.js';

/** Purges tagged entries (or everything) from both cache layers; returns how many entries went (-1: all). */
export type Purge = (request: PurgeRequest) => Promise<number>;

/**
 * Whole responses and subgraph entities live in one store, tagged alike, so one purge reaches both layers: the
 * invalidation is counted against each. `applied` is called once this instance's store is purged; the other
 * instances are told through `bus`, and the purge completes once they have applied it too.
 */
export function createPurger(
  cache: Cache,
  metrics: CacheMetrics,
  bus: InvalidationBus,
  applied: () => void = () => undefined,
): Purge {
  return async (request) => {
    metrics.record('response', 'invalidation');
    metrics.record('entity', 'invalidation');
    const count = await purgeFrom(cache, request);
    applied();
    await bus.publish(request);
    return count;
  };
}

/** Applies `request` to `cache` alone; returns how many entries went (-1: all). */
export async function purgeFrom(cache: Cache, request: PurgeRequest): Promise<number> {
  if ('all' in request) {
    await cache.clear();
    return -1;
  }
  return cache.invalidate(request.tags);
}
