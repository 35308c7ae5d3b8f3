import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Cache } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';

/**
 * Apollo Server's automatic persisted queries, stored in the gateway's cache so that every instance sharing Redis
 * knows every registered query.
 */
export function persistedQueryCache(
  cache: Cache,
  metrics: CacheMetrics,
  ttlSeconds: number,
): KeyValueCache<string> {
  return {
    async get(key) {
      const [entry] = await cache.getMany([`apq:${key}`]);
      metrics.record('apq', entry ? 'hit' : 'miss');
      return entry?.value;
    },
    async set(key, value, options) {
      await cache.set(`apq:${key}`, value, { ttlSeconds: options?.ttl ?? ttlSeconds });
      metrics.record('apq', 'store');
    },
    async delete(key) {
      await cache.delete(`apq:${key}`);
    },
  };
}
