import type { Cluster, Redis } from 'ioredis';
import type { Cache } from '../../Cache.js';
import { createRedisClient } from '../../createRedisClient.js';
import { MemoryCache } from '../../MemoryCache.js';
import { RedisCache } from '../../RedisCache.js';
import { clusterBinariesAvailable, startCluster, type ThrowawayCluster } from './redisCluster.js';
import { randomPrefix, testRedisUrl, whenReady } from './testRedis.js';

/** A clock a test moves by hand. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

export interface OpenOptions {
  now: () => number;
  maxValueBytes?: number;
}

/** One `Cache` adapter the contract suite runs against. */
export interface CacheTarget {
  name: string;
  /** Entries expire on the server's own clock (Redis), so expiry tests must wait instead of advancing `now`. */
  realTimeExpiry: boolean;
  setUp(): Promise<void>;
  /** Removes everything the target's caches stored and releases connections. */
  tearDown(): Promise<void>;
  /** A fresh cache over a key space no other cache of this run shares. */
  open(options: OpenOptions): Cache;
}

const memory: CacheTarget = {
  name: 'MemoryCache',
  realTimeExpiry: false,
  setUp: async () => {},
  tearDown: async () => {},
  open: (options) => new MemoryCache(options),
};

/** `RedisCache` over `connect()`'s client, each cache under its own sub-prefix of one random run prefix. */
function redisTarget(
  name: string,
  connect: () => Promise<Redis | Cluster>,
  stop = async () => {},
): CacheTarget {
  const runPrefix = randomPrefix();
  let client: Redis | Cluster | undefined;
  let opened = 0;
  return {
    name,
    realTimeExpiry: true,
    async setUp() {
      client = await connect();
    },
    async tearDown() {
      if (client) {
        // One cache over the run prefix sees every sub-prefix, so its clear() removes all this run wrote.
        await new RedisCache({ client, prefix: runPrefix }).clear();
        await client.quit();
      }
      await stop();
    },
    open(options) {
      if (!client) throw new Error(`${name}: setUp() has not run`);
      opened += 1;
      // The contract's clock is exact; tolerance for skew between instances is Redis's own (RedisCache.test.ts).
      return new RedisCache({ client, prefix: `${runPrefix}${opened}:`, clockSkewMs: 0, ...options });
    },
  };
}

async function ready(client: Redis | Cluster): Promise<Redis | Cluster> {
  await whenReady(client);
  return client;
}

/**
 * The adapters to test: memory always; Redis at `REDIS_URL` when set (required under CI); a throwaway three-node
 * Redis Cluster when `redis-server` is on PATH, which proves no command spans slots. `skipped` says what is not run.
 */
export function cacheTargets(env: NodeJS.ProcessEnv = process.env): {
  targets: CacheTarget[];
  skipped: string[];
} {
  const targets = [memory];
  const skipped: string[] = [];
  const url = testRedisUrl(env);
  if (url) targets.push(redisTarget('RedisCache (standalone)', () => ready(createRedisClient({ url }))));
  else skipped.push('RedisCache (standalone): REDIS_URL is not set');
  if (clusterBinariesAvailable()) {
    let cluster: ThrowawayCluster | undefined;
    const connect = async (): Promise<Redis | Cluster> => {
      cluster = await startCluster();
      const client = await ready(createRedisClient({ clusterNodes: cluster.nodes }));
      // The suite proves no command spans slots only if the cluster refuses one that does (ioredis itself
      // refuses it before sending, since auto-pipelining groups commands by slot).
      const refusal = await client.mget('{a}k', '{b}k').then(
        () => 'accepted',
        (error: Error) => error.message,
      );
      if (!/CROSSSLOT|same slot/.test(refusal)) {
        client.disconnect();
        throw new Error(`the test cluster accepted a cross-slot MGET (${refusal})`);
      }
      return client;
    };
    targets.push(redisTarget('RedisCache (cluster)', connect, async () => cluster?.stop()));
  } else skipped.push('RedisCache (cluster): redis-server is not on PATH');
  return { targets, skipped };
}
