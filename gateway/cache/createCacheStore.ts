import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CacheConfig } from '../config.js';
import type { Cache } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import { createRedisClient } from './createRedisClient.js';
import { MemoryCache } from './MemoryCache.js';
import { RedisCache } from './RedisCache.js';
import { CacheTimeoutError, ResilientCache } from './ResilientCache.js';
import { StallBreaker } from './StallBreaker.js';
import { TieredCache } from './TieredCache.js';

export interface CacheStore {
  /** Safe on the request path: bounded by a timeout, never throws (failures are counted and logged). */
  cache: Cache;
  /** What this process keeps itself (all of it, without Redis): other instances' purges are applied to it. */
  local: Cache;
  /** The Redis client behind it, when there is one (for pub/sub). */
  redis?: Redis | Cluster;
  /** With Redis, the in-process tier in front of it, to be trusted only while this instance hears purges. */
  tier?: TieredCache;
  /** With Redis, what remembers that it stalled; whatever else calls Redis on a request shares it. */
  breaker?: StallBreaker;
  close(): Promise<void>;
}

/**
 * The configured store: Redis (standalone or cluster) when configured, shared by every gateway instance, with a
 * bounded in-process tier in front of it; else an in-memory LRU per process. Either way behind a `ResilientCache`, so Redis being down or slow costs a cache miss,
 * not a failed request, and the client reconnects on its own when Redis returns.
 */
export function createCacheStore(
  config: CacheConfig,
  metrics: CacheMetrics,
  logger: Logger,
  now: () => number = Date.now,
): CacheStore {
  let lastLogged = 0;
  const onError = (operation: string, error: unknown) => {
    // A timeout may be this process's own event-loop lag rather than the store: counted apart.
    metrics.record('store', error instanceof CacheTimeoutError ? 'timeout' : 'error');
    // One line a second at most: an outage must not flood the log.
    if (Date.now() - lastLogged > 1000) {
      lastLogged = Date.now();
      logger.warn(
        { operation, err: error instanceof Error ? error.message : String(error) },
        'cache unavailable',
      );
    }
  };
  if (!config.redisUrl && !config.redisClusterNodes) {
    const memory = new MemoryCache({
      maxBytes: config.maxBytes,
      ...(config.maxEntries === undefined ? {} : { maxEntries: config.maxEntries }),
      maxValueBytes: config.maxValueBytes,
      now,
      onEvict: () => metrics.record('store', 'eviction'),
    });
    const cache = new ResilientCache(memory, { timeoutMs: config.timeoutMs, onError });
    return { cache, local: cache, close: () => cache.close() };
  }
  const redis = createRedisClient({
    ...(config.redisClusterNodes ? { clusterNodes: config.redisClusterNodes } : { url: config.redisUrl }),
    onError: (error) => onError('connection', error),
  });
  const store = new RedisCache({
    client: redis,
    prefix: config.keyPrefix,
    maxValueBytes: config.maxValueBytes,
    now,
    clockSkewMs: config.clockSkewMs,
  });
  const breaker = new StallBreaker();
  const shared = new ResilientCache(store, { timeoutMs: config.timeoutMs, onError, breaker });
  const local = new MemoryCache({
    maxBytes: config.localMaxBytes,
    maxValueBytes: config.maxValueBytes,
    now,
    onEvict: () => metrics.record('store', 'eviction'),
  });
  const cache = new TieredCache(local, shared, config.clockSkewMs);
  return { cache, local, redis, tier: cache, breaker, close: () => cache.close() };
}
