import type { Redis } from 'ioredis';
import { createRedisClient } from '../createRedisClient.js';
import { EVERYTHING } from '../Cache.js';
import { RedisCache } from '../RedisCache.js';
import { randomPrefix, testRedisUrl, whenReady } from './support/testRedis.js';

const url = testRedisUrl();

describe('RedisCache options', () => {
  it('refuses an empty prefix, which would let clear() remove every key on the server', () => {
    const client = {} as Redis;
    expect(() => new RedisCache({ client, prefix: '' })).toThrow(
      'RedisCache option prefix must be a non-empty string; got ""',
    );
  });

  it('refuses to be made without a client', () => {
    expect(() => new RedisCache({} as { client: Redis })).toThrow('RedisCache option client');
  });
});

// The behaviour every Cache shares is in Cache.contract.test.ts; this is what only Redis has: its key layout.
(url ? describe : describe.skip)('RedisCache on REDIS_URL', () => {
  const prefix = randomPrefix();
  const now = 1_700_000_000_000;
  let client: Redis;
  let cache: RedisCache;

  beforeAll(async () => {
    client = createRedisClient({ url: url ?? '' }) as Redis;
    await whenReady(client);
    cache = new RedisCache({ client, prefix, now: () => now });
  });
  afterAll(async () => {
    await cache.clear();
    await cache.close();
  });

  it('stores an entry as one JSON string that expires after ttl plus grace, indexed under each tag', async () => {
    await cache.set('k', 'V', { ttlSeconds: 10, graceSeconds: 5, tags: ['A', 'B'] });
    expect(JSON.parse((await client.get(`${prefix}e:k`)) ?? 'null')).toEqual({
      v: 'V',
      s: now,
      t: 10,
      g: ['A', 'B'],
    });
    const pttl = await client.pttl(`${prefix}e:k`);
    expect(pttl).toBeGreaterThan(14_000);
    expect(pttl).toBeLessThanOrEqual(15_000);
    expect(await client.smembers(`${prefix}t:A`)).toEqual([`${prefix}e:k`]);
    expect(await client.smembers(`${prefix}t:B`)).toEqual([`${prefix}e:k`]);
  });

  it('keeps a tag set alive as long as its longest-lived entry', async () => {
    await cache.set('long', 'L', { ttlSeconds: 100, tags: ['Shared'] });
    await cache.set('short', 'S', { ttlSeconds: 10, tags: ['Shared'] });
    expect(await client.pttl(`${prefix}t:Shared`)).toBeGreaterThan(99_000);
    await cache.set('longer', 'L', { ttlSeconds: 200, tags: ['Shared'] });
    expect(await client.pttl(`${prefix}t:Shared`)).toBeGreaterThan(199_000);
  });

  it('removes the tag set when the tag is invalidated', async () => {
    await cache.set('x', 'X', { ttlSeconds: 60, tags: ['Gone'] });
    expect(await cache.invalidate(['Gone'])).toBe(1);
    expect(await client.exists(`${prefix}t:Gone`)).toBe(0);
  });

  it('treats a stored value that is not its own JSON as absent', async () => {
    const junk = ['not json', 'null', '[1]', '{"v":1,"s":0,"t":1,"g":[]}', '{"v":"x","s":0,"t":1,"g":[2]}'];
    await Promise.all(junk.map((raw, i) => client.set(`${prefix}e:junk${i}`, raw)));
    await cache.set('good', 'G', { ttlSeconds: 60 });
    const keys = [...junk.map((_, i) => `junk${i}`), 'good'];
    expect((await cache.getMany(keys)).map((entry) => entry?.value)).toEqual([
      ...junk.map(() => undefined),
      'G',
    ]);
  });

  it('clears entries and tag sets only, leaving rate-limit counters under the same prefix', async () => {
    await cache.set('entry', 'E', { ttlSeconds: 60, tags: ['Kept'] });
    await client.set(`${prefix}rl:anonymous:caller`, '7', 'PX', 60_000);
    await cache.clear();
    expect(await client.exists(`${prefix}e:entry`, `${prefix}t:Kept`)).toBe(0);
    expect(await client.get(`${prefix}rl:anonymous:caller`)).toBe('7');
    await client.unlink(`${prefix}rl:anonymous:caller`);
  });

  it('marks a placeholder in its JSON and remembers a purge for a bounded time', async () => {
    await cache.reserve('r', { ttlSeconds: 10, tags: ['P'] });
    expect(JSON.parse((await client.get(`${prefix}e:r`)) ?? 'null')).toMatchObject({ p: 1, g: ['P'] });
    await cache.invalidate(['P']);
    expect(await client.get(`${prefix}p:P`)).toBe(String(now));
    expect(await client.pttl(`${prefix}p:P`)).toBeGreaterThan(299_000);
  });

  it('reports purges stamped up to clockSkewMs before the time asked about', async () => {
    let clock = now;
    const skewed = new RedisCache({ client, prefix: randomPrefix(), now: () => clock, clockSkewMs: 500 });
    await skewed.invalidate(['Skewed']);
    clock += 500;
    expect(await skewed.purgedSince(['Skewed'], clock)).toEqual(new Set(['Skewed']));
    expect(await skewed.purgedSince(['Skewed'], clock + 1)).toEqual(new Set());
    await skewed.clear();
    expect(await skewed.purgedSince([], clock + 500)).toEqual(new Set([EVERYTHING]));
  });

  it('scans with the prefix taken literally, so glob characters in it match nothing else', async () => {
    const base = randomPrefix();
    const globbed = new RedisCache({ client, prefix: `${base}[ab]*:` });
    const neighbour = new RedisCache({ client, prefix: `${base}a:` });
    await globbed.set('k', 'G', { ttlSeconds: 60 });
    await neighbour.set('k', 'N', { ttlSeconds: 60 });
    await globbed.clear();
    expect((await globbed.getMany(['k']))[0]).toBeUndefined();
    expect((await neighbour.getMany(['k']))[0]?.value).toBe('N');
    await neighbour.clear();
  });
});
