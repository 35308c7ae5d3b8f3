import { entryBytes } from '../entryLimits.js';
import { MemoryCache } from '../MemoryCache.js';
import { manualClock } from './support/cacheTargets.js';

async function values(cache: MemoryCache, keys: string[]): Promise<(string | undefined)[]> {
  return (await cache.getMany(keys)).map((entry) => entry?.value);
}

describe('MemoryCache', () => {
  it('evicts the least recently used entry at maxEntries, and invalidate no longer counts it', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', 'A', { ttlSeconds: 60, tags: ['T', 'A'] });
    await cache.set('b', 'B', { ttlSeconds: 60, tags: ['T', 'B'] });
    await cache.getMany(['a']); // a is now more recent than b
    await cache.set('c', 'C', { ttlSeconds: 60, tags: ['T'] });
    expect(await values(cache, ['a', 'b', 'c'])).toEqual(['A', undefined, 'C']);
    expect(await cache.invalidate(['T'])).toBe(2);
    // Had the index kept b under B after eviction, invalidating B would now take the new b, which lacks B.
    await cache.set('b', 'B2', { ttlSeconds: 60, tags: ['Other'] });
    expect(await cache.invalidate(['B'])).toBe(0);
    expect(await values(cache, ['b'])).toEqual(['B2']);
  });

  it('evicts by entry bytes (value, key, tags, overhead) at maxBytes, and invalidate no longer counts what went', async () => {
    const evicted: number[] = [];
    // Room for a and b (the same size each) and one byte more.
    const cache = new MemoryCache({
      maxBytes: 2 * entryBytes('a', 5, ['T']) + 1,
      onEvict: () => evicted.push(1),
    });
    await cache.set('a', '12345', { ttlSeconds: 60, tags: ['T'] });
    await cache.set('b', '12345', { ttlSeconds: 60, tags: ['T'] });
    await cache.set('b', '12345', { ttlSeconds: 60, tags: ['T'] }); // an overwrite is not an eviction
    expect(evicted).toHaveLength(0);
    await cache.set('c', 'ü', { ttlSeconds: 60, tags: ['U'] }); // smaller than a, yet a (least recent) must go
    expect(await values(cache, ['a', 'b', 'c'])).toEqual([undefined, '12345', 'ü']);
    expect(evicted).toHaveLength(1);
    expect(await cache.invalidate(['T', 'U'])).toBe(2);
    // Had the index kept a under T after its eviction, this would purge the new a, which lacks T.
    await cache.set('a', 'A2', { ttlSeconds: 60, tags: ['Other'] });
    expect(await cache.invalidate(['T'])).toBe(0);
    expect(await values(cache, ['a'])).toEqual(['A2']);
  });

  it('keeps a working set of many small entries that fits its bytes: no bound by count unless asked', async () => {
    const cache = new MemoryCache({ onEvict: () => fail('nothing should be evicted') });
    const keys = Array.from({ length: 25_000 }, (_, index) => `entity:Product:${index}`);
    for (const key of keys) await cache.set(key, `{"id":"${key}"}`, { ttlSeconds: 60, tags: ['Product'] });
    const kept = await cache.getMany(keys);
    expect(kept.filter((entry) => entry === undefined)).toHaveLength(0);
    expect(kept[0]?.value).toBe('{"id":"entity:Product:0"}');
    expect(await cache.invalidate(['Product'])).toBe(25_000);
  });

  it('moves an overwritten entry to its new tags only', async () => {
    const cache = new MemoryCache();
    await cache.set('k', 'old', { ttlSeconds: 60, tags: ['Old', 'Both'] });
    await cache.set('k', 'new', { ttlSeconds: 60, tags: ['New', 'Both'] });
    expect(await cache.invalidate(['Old'])).toBe(0);
    expect(await values(cache, ['k'])).toEqual(['new']);
    expect(await cache.invalidate(['Both'])).toBe(1);
  });

  it('does not count an expired entry when invalidating', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set('gone', 'G', { ttlSeconds: 1, graceSeconds: 1, tags: ['T'] });
    await cache.set('kept', 'K', { ttlSeconds: 60, tags: ['T'] });
    clock.advance(2000);
    expect(await cache.invalidate(['T'])).toBe(1);
    // Expired entries leave the index too: a new entry at that key is not reached through the old tag.
    await cache.set('kept', 'K', { ttlSeconds: 1, tags: ['T'] });
    clock.advance(1000);
    expect(await cache.getMany(['kept'])).toEqual([undefined]);
    await cache.set('kept', 'K2', { ttlSeconds: 60, tags: ['New'] });
    expect(await cache.invalidate(['T'])).toBe(0);
  });

  it('rejects a ttl that is not positive or a negative grace, naming the field', async () => {
    const cache = new MemoryCache();
    await expect(cache.set('k', 'v', { ttlSeconds: 0 })).rejects.toThrow(
      'ttlSeconds must be a positive number; got 0',
    );
    await expect(cache.set('k', 'v', { ttlSeconds: 1, graceSeconds: -1 })).rejects.toThrow(
      'graceSeconds must be zero or a positive number; got -1',
    );
  });

  it.each([
    [{ maxEntries: 0 }, 'MemoryCache option maxEntries must be a positive integer; got 0'],
    [{ maxBytes: -1 }, 'MemoryCache option maxBytes must be a positive integer; got -1'],
    [{ maxValueBytes: 1.5 }, 'MemoryCache option maxValueBytes must be a positive integer; got 1.5'],
    [{ now: 'soon' as unknown as () => number }, 'MemoryCache option now must be a function; got soon'],
    [{ onEvict: 1 as unknown as () => void }, 'MemoryCache option onEvict must be a function; got 1'],
  ])('refuses options %j with an error naming the field', (options, message) => {
    expect(() => new MemoryCache(options)).toThrow(message);
  });
});
