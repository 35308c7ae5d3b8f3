import type { Cache } from '../Cache.js';
import { MemoryCache } from '../MemoryCache.js';
import { TieredCache } from '../TieredCache.js';
import { manualClock } from './support/cacheTargets.js';

/** A shared store that counts its reads and can run something while a read is in flight. */
function countingStore(now: () => number) {
  const store = new MemoryCache({ now });
  const reads: string[][] = [];
  let duringRead: (() => Promise<unknown>) | undefined;
  const shared: Cache = Object.assign(Object.create(store) as Cache, {
    async getMany(keys: readonly string[]) {
      reads.push([...keys]);
      const found = await store.getMany(keys);
      await duringRead?.();
      return found;
    },
  });
  return { store, shared, reads, whileReading: (run: () => Promise<unknown>) => (duringRead = run) };
}

describe('TieredCache', () => {
  const setUp = () => {
    const clock = manualClock();
    const { store, shared, reads, whileReading } = countingStore(clock.now);
    const local = new MemoryCache({ now: clock.now });
    return { clock, store, local, reads, whileReading, tiered: new TieredCache(local, shared, 0) };
  };

  it('answers a repeated read in process, with the entry as the shared store holds it', async () => {
    const { clock, store, reads, tiered } = setUp();
    await store.set('k', 'V', { ttlSeconds: 60, tags: ['Product:1'] });
    const storedAt = clock.now();
    clock.advance(2_000);
    const first = await tiered.getMany(['k', 'absent']);
    const second = await tiered.getMany(['k']);
    expect(reads).toEqual([['k', 'absent']]);
    expect(second).toEqual([first[0]]);
    expect(second[0]).toEqual({ value: 'V', storedAt, ttlSeconds: 60, tags: ['Product:1'] });
  });

  it('keeps an entry in process only while it is fresh', async () => {
    const { clock, store, reads, tiered } = setUp();
    await store.set('k', 'V', { ttlSeconds: 10, graceSeconds: 60 });
    await tiered.getMany(['k']);
    clock.advance(10_000);
    const [stale] = await tiered.getMany(['k']);
    expect(stale?.value).toBe('V');
    expect(reads).toEqual([['k'], ['k']]);
  });

  it('forgets what another instance purged once the purge is applied to its local tier', async () => {
    const { store, local, reads, tiered } = setUp();
    await store.set('k', 'V', { ttlSeconds: 60, tags: ['Product:1'] });
    await tiered.getMany(['k']);
    await store.invalidate(['Product:1']);
    await local.invalidate(['Product:1']);
    expect(await tiered.getMany(['k'])).toEqual([undefined]);
    expect(reads).toEqual([['k'], ['k']]);
  });

  it('treats what the shared store still holds from before a purge it has not applied yet as absent', async () => {
    const { clock, store, local, reads, whileReading, tiered } = setUp();
    await store.set('k', 'old', { ttlSeconds: 60, tags: ['Product:1'] });
    // The purge reaches this process while the shared store is still to apply it.
    whileReading(async () => {
      clock.advance(1);
      await local.invalidate(['Product:1']);
    });
    expect(await tiered.getMany(['k'])).toEqual([undefined]);
    whileReading(async () => undefined);
    expect(await tiered.getMany(['k'])).toEqual([undefined]);
    expect(reads).toEqual([['k'], ['k']]);
    // What is stored after the purge is served, and kept.
    clock.advance(1);
    await store.set('k', 'new', { ttlSeconds: 60, tags: ['Product:1'] });
    expect((await tiered.getMany(['k']))[0]?.value).toBe('new');
    expect((await tiered.getMany(['k']))[0]?.value).toBe('new');
    expect(reads).toHaveLength(3);
  });

  it('keeps nothing in process that the shared store still held while a purge ran there', async () => {
    const { clock, store, local, tiered } = setUp();
    let deleteNow: () => void = () => undefined;
    const deleting = new Promise<void>((resolve) => (deleteNow = resolve));
    const purgeShared = store.invalidate.bind(store);
    store.invalidate = async (tags) => {
      await deleting;
      return purgeShared(tags);
    };
    const purge = tiered.invalidate(['Product:1']);
    // A write whose read was checked before the purge began lands in the shared store while the purge runs there,
    // and a read here fetches it before the shared store deletes it.
    clock.advance(1);
    await store.set('k', 'read before the purge', { ttlSeconds: 60, tags: ['Product:1'] });
    await tiered.getMany(['k']);
    deleteNow();
    await purge;
    expect(await local.getMany(['k'])).toEqual([undefined]);
    expect(await tiered.getMany(['k'])).toEqual([undefined]);
  });

  it('writes through with set, but leaves reservations and fills to the shared store', async () => {
    const { store, local, tiered } = setUp();
    await tiered.set('descriptor', 'D', { ttlSeconds: 60 });
    expect((await local.getMany(['descriptor']))[0]?.value).toBe('D');
    await tiered.reserve('entry', { ttlSeconds: 60, tags: ['T'] });
    await tiered.fill('entry', 'E', { ttlSeconds: 60, tags: ['T'] });
    expect((await local.getMany(['entry']))[0]).toBeUndefined();
    expect((await store.getMany(['entry']))[0]?.value).toBe('E');
  });

  it('neither answers from nor fills its in-process tier while it does not hear purges', async () => {
    const { store, local, reads, tiered } = setUp();
    let hearing = true;
    tiered.trustWhile(() => hearing);
    await store.set('k', 'V1', { ttlSeconds: 60, tags: ['Product:1'] });
    expect((await tiered.getMany(['k']))[0]?.value).toBe('V1');
    hearing = false;
    // Another instance changed the entry; this one did not hear the purge.
    await store.set('k', 'V2', { ttlSeconds: 60, tags: ['Product:1'] });
    expect((await tiered.getMany(['k']))[0]?.value).toBe('V2');
    await store.set('other', 'O', { ttlSeconds: 60 });
    await tiered.getMany(['other']);
    await tiered.set('written', 'W', { ttlSeconds: 60 });
    expect((await local.getMany(['other', 'written'])).map((entry) => entry?.value)).toEqual([
      undefined,
      undefined,
    ]);
    expect(reads).toEqual([['k'], ['k'], ['other']]);
  });

  it('keeps nothing from a read during which it stopped hearing purges', async () => {
    const { store, local, whileReading, tiered } = setUp();
    let hearing = true;
    tiered.trustWhile(() => hearing);
    await store.set('k', 'V', { ttlSeconds: 60 });
    whileReading(async () => (hearing = false));
    expect((await tiered.getMany(['k']))[0]?.value).toBe('V');
    hearing = true;
    expect(await local.getMany(['k'])).toEqual([undefined]);
  });

  it('drops its in-process tier without hiding what the shared store holds', async () => {
    const { clock, store, local, reads, tiered } = setUp();
    await store.set('k', 'V', { ttlSeconds: 60, tags: ['Product:1'] });
    clock.advance(10);
    await tiered.getMany(['k']);
    tiered.drop();
    expect(await local.getMany(['k'])).toEqual([undefined]);
    // A purge would have made the shared entry count as absent; a drop leaves it answering, and kept again.
    expect((await tiered.getMany(['k']))[0]?.value).toBe('V');
    expect((await tiered.getMany(['k']))[0]?.value).toBe('V');
    expect(reads).toEqual([['k'], ['k']]);
  });

  it('purges both tiers', async () => {
    const { store, local, tiered } = setUp();
    await store.set('k', 'V', { ttlSeconds: 60, tags: ['T'] });
    await tiered.getMany(['k']);
    await tiered.invalidate(['T']);
    expect([(await store.getMany(['k']))[0], (await local.getMany(['k']))[0]]).toEqual([
      undefined,
      undefined,
    ]);
  });
});
