import net from 'node:net';
import { jest } from '@jest/globals';
import { EVERYTHING, type Cache, type CacheEntry } from '../Cache.js';
import { createRedisClient } from '../createRedisClient.js';
import { MemoryCache } from '../MemoryCache.js';
import { RedisCache } from '../RedisCache.js';
import { CacheTimeoutError, ResilientCache, type CacheOperation } from '../ResilientCache.js';
import { StallBreaker } from '../StallBreaker.js';

/** A Cache whose every method behaves as `call` says. */
function stubCache(call: () => Promise<never>): Cache {
  return {
    getMany: call,
    set: call,
    reserve: call,
    fill: call,
    purgedSince: call,
    delete: call,
    invalidate: call,
    clear: call,
    close: call,
  };
}

/** Runs every operation once and returns what each answered. */
async function everyOperation(cache: Cache): Promise<unknown[]> {
  return Promise.all([
    cache.getMany(['a', 'b']),
    cache.set('a', 'A', { ttlSeconds: 60 }),
    cache.reserve('a', { ttlSeconds: 60 }),
    cache.fill('a', 'A', { ttlSeconds: 60 }),
    cache.purgedSince(['T'], 0),
    cache.delete('a'),
    cache.invalidate(['T']),
    cache.clear(),
  ]);
}

// A purge that cannot be ruled out counts as one: nothing is stored.
const FALLBACKS = [
  [undefined, undefined],
  undefined,
  undefined,
  undefined,
  new Set([EVERYTHING, 'T']),
  undefined,
  0,
  undefined,
];
const OPERATIONS: CacheOperation[] = [
  'getMany',
  'set',
  'reserve',
  'fill',
  'purgedSince',
  'delete',
  'invalidate',
  'clear',
];

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ResilientCache', () => {
  afterEach(() => jest.useRealTimers());

  it('answers like an empty cache within the timeout when the cache never answers', async () => {
    const failures: [CacheOperation, unknown][] = [];
    const cache = new ResilientCache(
      stubCache(() => new Promise<never>(() => {})),
      {
        timeoutMs: 50,
        onError: (operation, error) => failures.push([operation, error]),
      },
    );
    const started = Date.now();
    expect(await everyOperation(cache)).toEqual(FALLBACKS);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failures.map(([operation]) => operation).sort()).toEqual([...OPERATIONS].sort());
    expect(failures[0]?.[1]).toBeInstanceOf(CacheTimeoutError);
    expect(String(failures[0]?.[1])).toMatch(/took longer than 50 ms/);
  });

  it('answers like an empty cache when the cache throws, reporting the error', async () => {
    const boom = new Error('boom');
    const failures: [CacheOperation, unknown][] = [];
    const rejecting = new ResilientCache(
      stubCache(() => Promise.reject(boom)),
      {
        onError: (operation, error) => failures.push([operation, error]),
      },
    );
    const throwing = new ResilientCache(
      stubCache(() => {
        throw boom;
      }),
      { onError: (operation, error) => failures.push([operation, error]) },
    );
    expect(await everyOperation(rejecting)).toEqual(FALLBACKS);
    expect(await everyOperation(throwing)).toEqual(FALLBACKS);
    expect(failures).toHaveLength(2 * OPERATIONS.length);
    expect(failures.every(([, error]) => error === boom)).toBe(true);
  });

  it('passes answers through and leaves no timer behind when the cache answers in time', async () => {
    jest.useFakeTimers();
    const failures: CacheOperation[] = [];
    const cache = new ResilientCache(new MemoryCache(), { onError: (operation) => failures.push(operation) });
    await cache.set('a', 'A', { ttlSeconds: 60, tags: ['T'] });
    expect((await cache.getMany(['a', 'b'])).map((entry) => entry?.value)).toEqual(['A', undefined]);
    expect(await cache.invalidate(['T'])).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    expect(failures).toEqual([]);
  });

  it('closes without reporting a timeout when closing takes longer than a request may wait', async () => {
    const failures: CacheOperation[] = [];
    const slowClose = new MemoryCache();
    slowClose.close = () => new Promise((resolve) => setTimeout(resolve, 80));
    const cache = new ResilientCache(slowClose, {
      timeoutMs: 20,
      onError: (operation) => failures.push(operation),
    });
    await cache.close();
    expect(failures).toEqual([]);
  });

  it('reports a close that fails, and resolves', async () => {
    const failures: CacheOperation[] = [];
    const cache = new ResilientCache(
      stubCache(() => Promise.reject(new Error('gone'))),
      { onError: (operation) => failures.push(operation) },
    );
    await cache.close();
    expect(failures).toEqual(['close']);
  });

  it('uses the cache again as soon as the call that timed out answers late', async () => {
    let release: (entries: (CacheEntry | undefined)[]) => void = () => {};
    const calls: string[] = [];
    const inner: Cache = {
      ...stubCache(() => new Promise<never>(() => {})),
      getMany: (keys) => {
        calls.push('getMany');
        if (calls.length > 1) return Promise.resolve(keys.map(() => undefined));
        return new Promise((resolve) => (release = resolve));
      },
    };
    // The probe interval never passes: only the late answer can end the skip.
    const cache = new ResilientCache(inner, {
      timeoutMs: 20,
      breaker: new StallBreaker({ probeIntervalMs: 1_000, now: () => 0 }),
    });
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(calls).toEqual(['getMany']);
    release([undefined]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(calls).toEqual(['getMany', 'getMany']);
  });

  it('skips a stalled cache after one timeout, still tries purges, and uses it again once a probe answers', async () => {
    let now = 0;
    let stalled = true;
    const calls: string[] = [];
    const memory = new MemoryCache();
    const inner: Cache = {
      ...stubCache(() => new Promise<never>(() => {})),
      getMany: (keys) => {
        calls.push('getMany');
        return stalled ? new Promise<never>(() => {}) : memory.getMany(keys);
      },
      invalidate: () => {
        calls.push('invalidate');
        return new Promise<never>(() => {});
      },
    };
    const timeouts: CacheOperation[] = [];
    const cache = new ResilientCache(inner, {
      timeoutMs: 20,
      breaker: new StallBreaker({ probeIntervalMs: 1_000, now: () => now }),
      onError: (operation) => timeouts.push(operation),
    });
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(await cache.purgedSince(['T'], 0)).toEqual(new Set([EVERYTHING, 'T']));
    expect(await cache.invalidate(['T'])).toBe(0);
    expect(calls).toEqual(['getMany', 'invalidate']);
    expect(timeouts).toEqual(['getMany', 'invalidate']);

    stalled = false;
    now = 1_000;
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(await cache.getMany(['a'])).toEqual([undefined]);
    expect(calls).toEqual(['getMany', 'invalidate', 'getMany', 'getMany']);
  });

  it('still answers when onError itself throws', async () => {
    const cache = new ResilientCache(
      stubCache(() => Promise.reject(new Error('down'))),
      {
        onError: () => {
          throw new Error('reporter broke');
        },
      },
    );
    expect(await cache.invalidate(['T'])).toBe(0);
  });

  it('refuses a timeoutMs that is not a positive integer, naming it', () => {
    expect(() => new ResilientCache(new MemoryCache(), { timeoutMs: 0 })).toThrow(
      'ResilientCache option timeoutMs must be a positive integer; got 0',
    );
  });

  it('answers promptly over a Redis that is not there, without unhandled errors, and closes', async () => {
    const port = await closedPort();
    const connectionErrors: Error[] = [];
    const client = createRedisClient({
      url: `redis://127.0.0.1:${port}`,
      onError: (error) => connectionErrors.push(error),
    });
    const failures: CacheOperation[] = [];
    const cache = new ResilientCache(new RedisCache({ client }), {
      onError: (operation) => failures.push(operation),
    });
    const started = Date.now();
    expect(await cache.getMany(['a', 'b'])).toEqual([undefined, undefined]);
    await cache.set('a', 'A', { ttlSeconds: 60 });
    expect(await cache.invalidate(['T'])).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failures).toEqual(['getMany', 'set', 'invalidate']);
    // The refused connection reached the 'error' listener instead of crashing the process.
    while (connectionErrors.length === 0 && Date.now() - started < 5000)
      await new Promise((r) => setTimeout(r, 20));
    expect(connectionErrors[0]?.message).toMatch(/ECONNREFUSED/);
    // Closing stops the reconnection attempts, which would otherwise keep the process alive and retrying.
    await cache.close();
    const errorsAtClose = connectionErrors.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connectionErrors.length).toBe(errorsAtClose);
    expect(['end', 'reconnecting']).toContain(client.status);
  });
});
