import type { Cache } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import type { PurgeRequest } from './invalidationSubscriber.js';

/** Purges tagged entries (or everything) from both cache layers; returns how many entries went (-1: all). */
export type Purge = (request: PurgeRequest) => Promise<number>;

/**
 * Whole responses and subgraph entities live in one store, tagged alike, so one purge reaches both layers: the
 * invalidation is counted against each.
 */
export function createPurger(cache: Cache, metrics: CacheMetrics): Purge {
  return async (request) => {
    metrics.record('response', 'invalidation');
    metrics.record('entity', 'invalidation');
    if ('all' in request) {
      await cache.clear();
      return -1;
    }
    return cache.invalidate(request.tags);
  };
}
