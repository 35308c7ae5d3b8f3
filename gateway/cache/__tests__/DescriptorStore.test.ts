import type { Cache } from '../Cache.js';
import { DESCRIPTOR_TTL_SECONDS, DescriptorStore } from '../DescriptorStore.js';
import { MemoryCache } from '../MemoryCache.js';
import { manualClock } from './support/cacheTargets.js';

const asList = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;

/** A store that counts the reads and writes that reach it. */
function counted(cache: Cache) {
  const calls = { reads: 0, writes: 0 };
  const store: Cache = Object.create(cache) as Cache;
  store.getMany = (keys) => (calls.reads++, cache.getMany(keys));
  store.set = (key, value, options) => (calls.writes++, cache.set(key, value, options));
  return { store, calls };
}

describe('DescriptorStore', () => {
  it('answers from process what it learned, with no store round trip, until it expires', async () => {
    const clock = manualClock();
    const { store, calls } = counted(new MemoryCache({ now: clock.now }));
    const descriptors = new DescriptorStore({ cache: store, now: clock.now });
    await descriptors.set('d:a', ['market']);
    expect(await descriptors.get('d:a', asList)).toEqual(['market']);
    expect(descriptors.inProcess('d:a', asList)).toEqual(['market']);
    expect(calls.reads).toBe(0);
    clock.advance(DESCRIPTOR_TTL_SECONDS * 1000);
    expect(descriptors.inProcess('d:a', asList)).toBeUndefined();
    expect(await descriptors.get('d:a', asList)).toBeUndefined();
    expect(calls.reads).toBe(1);
  });

  it('learns what another instance stored, and keeps it in process once read', async () => {
    const clock = manualClock();
    const shared = new MemoryCache({ now: clock.now });
    await new DescriptorStore({ cache: shared, now: clock.now }).set('d:a', ['locale', 'viewer']);
    const { store, calls } = counted(shared);
    const other = new DescriptorStore({ cache: store, now: clock.now });
    expect(other.inProcess('d:a', asList)).toBeUndefined();
    expect(await other.get('d:a', asList)).toEqual(['locale', 'viewer']);
    expect(await other.get('d:a', asList)).toEqual(['locale', 'viewer']);
    expect(calls.reads).toBe(1);
  });

  it('writes the store when a descriptor changes or has lived half its life, not on every answer', async () => {
    const clock = manualClock();
    const { store, calls } = counted(new MemoryCache({ now: clock.now }));
    const descriptors = new DescriptorStore({ cache: store, now: clock.now });
    await descriptors.set('d:a', ['market']);
    await descriptors.set('d:a', ['market']);
    expect(calls.writes).toBe(1);
    await descriptors.set('d:a', ['market', 'segment']);
    expect(calls.writes).toBe(2);
    clock.advance((DESCRIPTOR_TTL_SECONDS * 1000) / 2);
    await descriptors.set('d:a', ['market', 'segment']);
    expect(calls.writes).toBe(3);
    expect(await descriptors.get('d:a', asList)).toEqual(['market', 'segment']);
  });

  it('ignores a stored value its parser refuses', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ now: clock.now });
    await cache.set('d:a', '{"not":"a list"}', { ttlSeconds: 60 });
    await cache.set('d:b', 'not json', { ttlSeconds: 60 });
    const descriptors = new DescriptorStore({ cache, now: clock.now });
    expect(await descriptors.get('d:a', asList)).toBeUndefined();
    expect(await descriptors.get('d:b', asList)).toBeUndefined();
  });
});
