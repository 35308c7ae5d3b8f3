import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { PersistedDocuments } from './PersistedDocuments.js';

// Apollo Server prefixes every APQ key it passes to `persistedQueries.cache` with this.
const APQ_KEY_PREFIX = 'apq:';

/**
 * The store for Apollo Server's `persistedQueries.cache`: ids in the manifest are answered from the manifest,
 * every other id from `fallback`, the automatic-persisted-query store (keys passed through unchanged). Manifest
 * ids are never written to or deleted from the fallback, so APQ cannot shadow a registered operation. With no
 * fallback, only manifest ids are known and APQ registrations are dropped.
 */
export function manifestBackedPersistedQueryCache(
  documents: PersistedDocuments,
  fallback: KeyValueCache<string> | undefined,
): KeyValueCache<string> {
  const inManifest = (key: string) => documents.get(idOf(key));
  return {
    async get(key) {
      return inManifest(key) ?? (await fallback?.get(key));
    },
    async set(key, value, options) {
      if (inManifest(key) === undefined) await fallback?.set(key, value, options);
    },
    async delete(key) {
      if (inManifest(key) !== undefined) return false;
      return (await fallback?.delete(key)) ?? false;
    },
  };
}

function idOf(key: string): string {
  return key.startsWith(APQ_KEY_PREFIX) ? key.slice(APQ_KEY_PREFIX.length) : key;
}
