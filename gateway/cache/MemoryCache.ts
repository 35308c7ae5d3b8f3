import { LRUCache } from 'lru-cache';
import { EVERYTHING, PURGE_MEMORY_SECONDS, type Cache, type CacheEntry, type SetOptions } from './Cache.js';
import { DEFAULT_MAX_VALUE_BYTES, entryBytes, lifetimeMs, valueBytes } from './entryLimits.js';
import { optionalFunction, positiveInteger } from './optionChecks.js';

/** Options of {@link MemoryCache}. */
export interface MemoryCacheOptions {
  /** Most entries kept, on top of `maxBytes`; the least recently used go first. Default: no bound by count. */
  maxEntries?: number;
  /**
   * Most bytes kept across all entries, counting each entry's value (UTF-8), key and tags and a fixed overhead
   * (see `entryBytes`), so that many small entries are bounded as well as a few large ones. Default 64 MiB.
   */
  maxBytes?: number;
  /** Largest value stored; a larger one is not cached (and replaces nothing). Default 512 KiB. */
  maxValueBytes?: number;
  /** The clock for `storedAt` and expiry, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Called for each live entry dropped to make room, so that a bound set too low shows in metrics. */
  onEvict?: () => void;
}

interface Stored {
  /** Frozen, so the same object can be handed to every reader without copying. */
  entry: CacheEntry;
  expiresAt: number;
  /** A placeholder from `reserve`: indexed by its tags, invisible to readers. */
  pending: boolean;
}

const OWNER = 'MemoryCache';

/**
 * The embedded cache: a bounded LRU in this process, the default when no Redis is configured. Expiry follows the
 * injected clock rather than lru-cache's own timers, so tests (and `isFresh`) see one notion of time; an expired
 * entry is dropped when it is next read or invalidated, and until then only costs space the LRU bound reclaims.
 */
export class MemoryCache implements Cache {
  private readonly maxValueBytes: number;
  private readonly now: () => number;
  private readonly entries: LRUCache<string, Stored>;
  /** Tag → keys holding it. Maintained from lru-cache's dispose hook, so evictions and overwrites keep it exact. */
  private readonly keysByTag = new Map<string, Set<string>>();
  /** Tag → when it was last purged; bounded, and only consulted for {@link PURGE_MEMORY_SECONDS}. */
  private readonly purgedAt = new LRUCache<string, number>({ max: 100_000 });
  private allPurgedAt = -Infinity;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxValueBytes = positiveInteger(
      OWNER,
      'maxValueBytes',
      options.maxValueBytes,
      DEFAULT_MAX_VALUE_BYTES,
    );
    this.now = optionalFunction(OWNER, 'now', options.now, Date.now);
    const onEvict = optionalFunction(OWNER, 'onEvict', options.onEvict, () => undefined);
    const maxEntries =
      options.maxEntries === undefined
        ? undefined
        : positiveInteger(OWNER, 'maxEntries', options.maxEntries, 1);
    this.entries = new LRUCache<string, Stored>({
      // Without a count bound lru-cache grows its index as needed instead of allocating it for `max` up front.
      ...(maxEntries === undefined ? {} : { max: maxEntries }),
      maxSize: positiveInteger(OWNER, 'maxBytes', options.maxBytes, 64 * 1024 * 1024),
      // Called synchronously for every way an entry leaves: evict, set (overwrite), delete, clear.
      dispose: (stored, key, reason) => {
        this.unindex(key, stored.entry.tags);
        if (reason === 'evict' && !stored.pending) onEvict();
      },
    });
  }

  async getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    const now = this.now();
    return keys.map((key) => {
      const stored = this.live(key, now, (k) => this.entries.get(k));
      return stored?.pending ? undefined : stored?.entry;
    });
  }

  async set(key: string, value: string, options: SetOptions): Promise<void> {
    this.write(key, value, options, false);
  }

  async reserve(key: string, options: SetOptions): Promise<void> {
    this.write(key, '', options, true);
  }

  async fill(key: string, value: string, options: SetOptions): Promise<void> {
    if (this.live(key, this.now(), (k) => this.entries.peek(k))) this.write(key, value, options, false);
  }

  /**
   * Keeps a copy of `entry`, read from another store, with its own `storedAt`, until `expiresAt` (ms since the
   * epoch). For an in-process tier in front of a shared store.
   */
  keep(key: string, entry: CacheEntry, expiresAt: number): void {
    const bytes = valueBytes(entry.value);
    if (bytes > this.maxValueBytes || expiresAt <= this.now()) return;
    const frozen = Object.freeze({ ...entry, tags: Object.freeze([...entry.tags]) });
    this.entries.set(
      key,
      { entry: frozen, expiresAt, pending: false },
      { size: entryBytes(key, bytes, frozen.tags) },
    );
    if (this.entries.has(key)) for (const tag of frozen.tags) this.index(key, tag);
  }

  /** Whether one of `tags` (or everything) was purged here at or after `time`: at once, for a check and write. */
  purgedAfter(tags: readonly string[], time: number): boolean {
    return this.purgedTags(tags, time).size > 0;
  }

  async purgedSince(tags: readonly string[], since: number): Promise<ReadonlySet<string>> {
    return this.purgedTags(tags, since);
  }

  private purgedTags(tags: readonly string[], since: number): ReadonlySet<string> {
    const remembered = this.now() - PURGE_MEMORY_SECONDS * 1000;
    const after = Math.max(since, remembered);
    if (this.allPurgedAt >= after) return new Set([EVERYTHING, ...tags]);
    return new Set(tags.filter((tag) => (this.purgedAt.get(tag) ?? -Infinity) >= after));
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    const now = this.now();
    for (const tag of tags) this.purgedAt.set(tag, now);
    const doomed = new Set<string>();
    for (const tag of tags) for (const key of this.keysByTag.get(tag) ?? []) doomed.add(key);
    let deleted = 0;
    for (const key of doomed) {
      // An expired entry is already absent to readers, so it is removed but not counted.
      if (this.live(key, now, (k) => this.entries.peek(k))) deleted += 1;
      this.entries.delete(key);
    }
    return deleted;
  }

  async clear(): Promise<void> {
    this.allPurgedAt = this.now();
    this.entries.clear();
  }

  /**
   * Empties the store without recording a purge, so that `purgedSince` and `purgedAfter` answer as before: for an
   * in-process tier that may have missed purges, whose shared store still holds valid entries.
   */
  drop(): void {
    this.entries.clear();
  }

  async close(): Promise<void> {
    this.drop();
  }

  private write(key: string, value: string, options: SetOptions, pending: boolean): void {
    const storedAt = this.now();
    const expiresAt = storedAt + lifetimeMs(options);
    const bytes = valueBytes(value);
    if (bytes > this.maxValueBytes) {
      // Keeping the previous value would serve data the caller has just replaced.
      this.entries.delete(key);
      return;
    }
    const tags = Object.freeze([...(options.tags ?? [])]);
    const entry = Object.freeze({ value, storedAt, ttlSeconds: options.ttlSeconds, tags });
    this.entries.set(key, { entry, expiresAt, pending }, { size: entryBytes(key, bytes, tags) });
    // Indexed after set: set's dispose of the old entry has already unindexed the old tags.
    if (this.entries.has(key)) for (const tag of tags) this.index(key, tag);
  }

  /** The stored entry at `key` if it has not expired at `now`; an expired one is deleted on the way. */
  private live(key: string, now: number, read: (key: string) => Stored | undefined): Stored | undefined {
    const stored = read(key);
    if (stored && now >= stored.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return stored;
  }

  private index(key: string, tag: string): void {
    const keys = this.keysByTag.get(tag);
    if (keys) keys.add(key);
    else this.keysByTag.set(tag, new Set([key]));
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
