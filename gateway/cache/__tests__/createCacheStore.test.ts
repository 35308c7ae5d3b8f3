import { Redis } from 'ioredis';
import { pino } from 'pino';
import {
  hasRedisServer,
  startRedisServer,
  type TestRedisServer,
} from '../../../tests/support/redisServer.js';
import { loadConfig } from '../../config.js';
import { CacheMetrics } from '../CacheMetrics.js';
import { createCacheStore, type CacheStore } from '../createCacheStore.js';
import { whenReady } from './support/testRedis.js';

// Needs a redis-server of its own to pause; CI installs one, so there a missing binary fails the run.
const ownServer = hasRedisServer() || process.env['CI'] === 'true';

(ownServer ? describe : describe.skip)('createCacheStore over Redis', () => {
  let redis: TestRedisServer;
  let store: CacheStore;
  let metrics: CacheMetrics;
  const warnings: string[] = [];
  beforeEach(async () => {
    redis = await startRedisServer();
    metrics = new CacheMetrics();
    warnings.length = 0;
    const logger = pino(
      { level: 'warn' },
      {
        write: (line: string) =>
          void warnings.push((JSON.parse(line) as { err?: string; msg: string }).err ?? ''),
      },
    );
    store = createCacheStore(loadConfig({ REDIS_URL: redis.url }).cache, metrics, logger);
    await whenReady(store.redis!);
  });
  afterEach(async () => {
    await store.close();
    await redis.stop();
  });

  it('counts a call given up on after the timeout as a timeout, apart from store errors', async () => {
    const pauser = new Redis(redis.url);
    try {
      await pauser.client('PAUSE', '1000', 'ALL');
      expect(await store.cache.getMany(['k'])).toEqual([undefined]);
      expect([metrics.snapshot().store.timeout, metrics.snapshot().store.error]).toEqual([1, 0]);
    } finally {
      pauser.disconnect();
    }
  });

  it('closes without a warning, also when the event loop is busy as it closes', async () => {
    await store.cache.set('k', 'V', { ttlSeconds: 60 });
    const closing = store.close();
    // As a shutdown that empties a large in-process tier, or does other work, keeps the event loop busy.
    const busyUntil = Date.now() + 200;
    while (Date.now() < busyUntil);
    await closing;
    expect(warnings).toEqual([]);
  });
});
