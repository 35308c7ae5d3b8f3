/**
 * The gateway's cache store. Two adapters implement it: `MemoryCache` (bounded LRU, the default) and `RedisCache`
 * (`REDIS_URL` or `REDIS_CLUSTER_NODES`, shared by every gateway instance). Both pass one contract test suite.
 *
 * Entries are stored for `ttlSeconds + graceSeconds`: fresh for `ttlSeconds`, then stale (usable only when the
 * source fails) until the grace window ends. Every entry carries tags; `invalidate(tags)` deletes every entry
 * holding any of them.
 */
export interface Cache {
  /** The entries at `keys`, in order; `undefined` for a key with none (or past its grace window). */
  getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]>;
  /** Stores `value` at `key`, tagged, replacing any entry there. */
  set(key: string, value: string, options: SetOptions): Promise<void>;
  /** Deletes the entry at `key`, if any. */
  delete(key: string): Promise<void>;
  /** Deletes every entry tagged with one of `tags`; returns how many entries went. */
  invalidate(tags: readonly string[]): Promise<number>;
  /** Deletes every entry. */
  clear(): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

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
