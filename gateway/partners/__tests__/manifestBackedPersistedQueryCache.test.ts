import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { manifestBackedPersistedQueryCache } from '../manifestBackedPersistedQueryCache.js';
import type { PersistedDocuments } from '../PersistedDocuments.js';

const MANIFEST_ID = 'a'.repeat(64);
const documents: PersistedDocuments = {
  get: (id) => (id === MANIFEST_ID ? 'query Registered { greeting }' : undefined),
  size: 1,
  operations: [{ id: MANIFEST_ID, name: 'Registered', body: 'query Registered { greeting }' }],
};

describe('manifestBackedPersistedQueryCache', () => {
  it('answers manifest ids from the manifest, with or without Apollo Server\'s "apq:" prefix', async () => {
    const cache = manifestBackedPersistedQueryCache(documents, new InMemoryLRUCache());
    expect(await cache.get(`apq:${MANIFEST_ID}`)).toBe('query Registered { greeting }');
    expect(await cache.get(MANIFEST_ID)).toBe('query Registered { greeting }');
  });

  it('passes other keys to the fallback store unchanged, for reads and writes', async () => {
    const fallback = new InMemoryLRUCache<string>();
    const cache = manifestBackedPersistedQueryCache(documents, fallback);
    await cache.set('apq:bbb', '{ other }');
    expect(await fallback.get('apq:bbb')).toBe('{ other }');
    expect(await cache.get('apq:bbb')).toBe('{ other }');
    await cache.delete('apq:bbb');
    expect(await fallback.get('apq:bbb')).toBeUndefined();
  });

  it('never writes or deletes a manifest id in the fallback store', async () => {
    const fallback = new InMemoryLRUCache<string>();
    await fallback.set(`apq:${MANIFEST_ID}`, '{ stale }');
    const cache = manifestBackedPersistedQueryCache(documents, fallback);
    await cache.set(`apq:${MANIFEST_ID}`, '{ shadow }');
    expect(await cache.delete(`apq:${MANIFEST_ID}`)).toBe(false);
    expect(await fallback.get(`apq:${MANIFEST_ID}`)).toBe('{ stale }');
    expect(await cache.get(`apq:${MANIFEST_ID}`)).toBe('query Registered { greeting }');
  });

  it('knows only manifest ids, and drops registrations, without a fallback', async () => {
    const cache = manifestBackedPersistedQueryCache(documents, undefined);
    await cache.set('apq:bbb', '{ other }');
    expect(await cache.get('apq:bbb')).toBeUndefined();
    expect(await cache.get(`apq:${MANIFEST_ID}`)).toBe('query Registered { greeting }');
  });
});
