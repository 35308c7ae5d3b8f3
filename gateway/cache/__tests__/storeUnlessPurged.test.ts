import type { Cache } from '../Cache.js';
import { MemoryCache } from '../MemoryCache.js';
import { storeUnlessPurged, type CacheWrite } from '../storeUnlessPurged.js';
import { manualClock } from './support/cacheTargets.js';

const write = (key: string, tags: string[]): CacheWrite => ({
  key,
  value: `value of ${key}`,
  options: { ttlSeconds: 60, tags },
});

async function values(cache: Cache, keys: string[]) {
  return (await cache.getMany(keys)).map((entry) => entry?.value);
}

describe('storeUnlessPurged', () => {
  it('stores answers whose tags were not purged since the read started', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.invalidate(['Product:1']);
    clock.advance(1);
    const readStartedAt = clock.now();
    const stored = await storeUnlessPurged(cache, [write('a', ['Product:1']), write('b', [])], readStartedAt);
    expect(stored).toBe(2);
    expect(await values(cache, ['a', 'b'])).toEqual(['value of a', 'value of b']);
  });

  it('refuses exactly the answers with a tag purged after the read started', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    const readStartedAt = clock.now();
    clock.advance(50);
    await cache.invalidate(['Product:1']);
    const writes = [write('a', ['Product:1', 'Product']), write('b', ['Product:2', 'Product'])];
    expect(await storeUnlessPurged(cache, writes, readStartedAt)).toBe(1);
    expect(await values(cache, ['a', 'b'])).toEqual([undefined, 'value of b']);
  });

  it('refuses every answer, tagged or not, when everything was purged after the read started', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    const readStartedAt = clock.now();
    await cache.clear();
    expect(await storeUnlessPurged(cache, [write('a', []), write('b', ['T'])], readStartedAt)).toBe(0);
    expect(await values(cache, ['a', 'b'])).toEqual([undefined, undefined]);
  });

  it('leaves nothing behind when the purge lands between the check and the fill', async () => {
    const clock = manualClock();
    const memory = new MemoryCache({ now: clock.now });
    // The purge runs right after the check has answered "not purged", before the fill is sent.
    const racing: Cache = Object.assign(Object.create(memory) as Cache, {
      async purgedSince(tags: readonly string[], since: number) {
        const answer = await memory.purgedSince(tags, since);
        await memory.invalidate(['Product:1']);
        return answer;
      },
    });
    expect(await storeUnlessPurged(racing, [write('a', ['Product:1'])], clock.now())).toBe(1);
    expect(await values(memory, ['a'])).toEqual([undefined]);
  });

  it('leaves nothing behind when the purge lands after the fill', async () => {
    const clock = manualClock();
    const memory = new MemoryCache({ now: clock.now });
    const readStartedAt = clock.now();
    await storeUnlessPurged(memory, [write('a', ['Product:1'])], readStartedAt);
    await memory.invalidate(['Product:1']);
    expect(await values(memory, ['a'])).toEqual([undefined]);
  });
});
