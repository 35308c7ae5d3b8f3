/**
 * The gateway's cache store. Two adapters implement it: `MemoryCache` (bounded LRU, the default) and `RedisCache`
 * (`REDIS_URL` or `REDIS_CLUSTER_NODES`, shared by every gateway instance). Both pass one contract test suite.
 *
 * Entries are stored for `ttlSeconds + graceSeconds`: fresh for `ttlSeconds`, then stale (usable only when the
 * source fails) until the grace window ends. Every entry carries tags; `invalidate(tags)` deletes every entry
 * holding any of them.
 *
 * A purge must win over a read that was already in flight when it ran, or the read would store what the purge
 * just removed. So purges are remembered (`purgedSince`), and an answer is stored in three steps, see
 * `storeUnlessPurged`: `reserve` (a placeholder, tagged, that readers do not see), check that none of its tags
 * was purged since the read started, then `fill` (which writes only where the placeholder still stands).
 */
export interface Cache {
  /** The entries at `keys`, in order; `undefined` for a key with none (or past its grace window). */
  getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]>;
  /** Stores `value` at `key`, tagged, replacing any entry there. */
  set(key: string, value: string, options: SetOptions): Promise<void>;
  /**
   * Puts a placeholder at `key`, tagged and timed as `options` say, in place of any entry there. Readers see no
   * entry at `key` until `fill` writes one; a purge of one of its tags removes the placeholder.
   */
  reserve(key: string, options: SetOptions): Promise<void>;
  /** Writes `value` at `key` as `set` does, but only where an entry or placeholder still stands. */
  fill(key: string, value: string, options: SetOptions): Promise<void>;
  /**
   * Which of `tags` were purged by `invalidate` at or after `since` (ms since the epoch), plus
   * {@link EVERYTHING} when `clear` ran since then. Purges are remembered for {@link PURGE_MEMORY_SECONDS}.
   */
  purgedSince(tags: readonly string[], since: number): Promise<ReadonlySet<string>>;
  /** Deletes the entry at `key`, if any. */
  delete(key: string): Promise<void>;
  /**
   * Records the purge of `tags`, then deletes every entry (or placeholder) tagged with one of them; returns how
   * many went.
   */
  invalidate(tags: readonly string[]): Promise<number>;
  /** Records a purge of everything, then deletes every entry (and nothing else that shares the store). */
  clear(): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/**
 * How long a purge is remembered: longer than any read can take (subgraph timeouts are seconds), so a read that
 * started before a purge always learns of it before it stores.
 */
export const PURGE_MEMORY_SECONDS = 300;

/** In the answer of `purgedSince`: everything was purged, whatever its tags. */
export const EVERYTHING = '*';

export interface SetOptions {
  /** Seconds the entry is fresh. Must be positive. */
  ttlSeconds: number;
  /** Seconds after `ttlSeconds` the entry is still kept, for stale-if-error. Default 0. */
  graceSeconds?: number;
  /** Tags such as `Product:42`; `invalidate` finds entries by them. Default none. */
  tags?: readonly string[];
}

export interface CacheEntry {
  value: string;
  /** When it was stored (ms since the epoch). */
  storedAt: number;
  ttlSeconds: number;
  tags: readonly string[];
}

/** Seconds since `entry` was stored, at `now`. */
export function ageSeconds(entry: CacheEntry, now: number): number {
  return Math.max(0, Math.floor((now - entry.storedAt) / 1000));
}

/** Whether `entry` is still fresh at `now` (past that, it may only answer when the source fails). */
export function isFresh(entry: CacheEntry, now: number): boolean {
  return now - entry.storedAt < entry.ttlSeconds * 1000;
}

/**
 * Whether an expired `entry` may still answer, at `now`, for a source that failed: within `graceSeconds` of its
 * expiry. Judged here rather than left to the store's own expiry, so every adapter agrees on the same clock.
 */
export function isWithinGrace(entry: CacheEntry, now: number, graceSeconds: number): boolean {
  return now - entry.storedAt < (entry.ttlSeconds + graceSeconds) * 1000;
}
