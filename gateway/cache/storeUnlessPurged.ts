import { EVERYTHING, type Cache, type SetOptions } from './Cache.js';

/** One answer to store. */
export interface CacheWrite {
  key: string;
  value: string;
  options: SetOptions;
}

/**
 * Stores answers read from a source since `readStartedAt` (ms), unless a tag of theirs was purged after that: the
 * read may have fetched what the purge removed. Reserve, then check, then fill: a purge that ran before the check
 * is seen by it; one that runs after it deletes the placeholder or the filled entry, since both carry the tags.
 * Either way no entry read before a purge outlives the purge. Returns how many were stored.
 */
export async function storeUnlessPurged(
  cache: Cache,
  writes: readonly CacheWrite[],
  readStartedAt: number,
): Promise<number> {
  if (writes.length === 0) return 0;
  await Promise.all(writes.map(({ key, options }) => cache.reserve(key, options)));
  const tags = [...new Set(writes.flatMap(({ options }) => options.tags ?? []))];
  const purged = await cache.purgedSince(tags, readStartedAt);
  const refused = (write: CacheWrite) =>
    purged.has(EVERYTHING) || (write.options.tags ?? []).some((tag) => purged.has(tag));
  await Promise.all(
    writes.map((write) =>
      refused(write) ? cache.delete(write.key) : cache.fill(write.key, write.value, write.options),
    ),
  );
  return writes.filter((write) => !refused(write)).length;
}
