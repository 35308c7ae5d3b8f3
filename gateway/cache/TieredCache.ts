import type { Cache, CacheEntry, SetOptions } from './Cache.js';
import type { MemoryCache } from './MemoryCache.js';

/**
 * A bounded in-process tier in front of a shared store (Redis): a read is answered in process when it can, and
 * costs one store round trip otherwise, after which the entry is kept in process until it is no longer fresh.
 * Writes go to the shared store (and `set`, which is unconditional, to both); purges to both. A purge made by
 * another instance reaches this tier through the invalidation bus, which applies it to `local`.
 *
 * The shared store may lag a purge (a slow Redis keeps the purge in its queue while this process has applied
 * it): an entry read from it that was stored before a purge of one of its tags, as this process knows of purges,
 * is what the purge removes, so it counts as absent and is not kept.
 *
 * The tier is only as good as the purges it hears: while `trustWhile`'s test says this instance may be missing
 * other instances' purges (its subscription is down or behind), reads skip the tier and nothing is kept in it, and
 * `drop` empties it when purges may have been lost for good.
 */
export class TieredCache implements Cache {
  private hearing: () => boolean = () => true;

  constructor(
    /** The in-process tier; the invalidation bus applies other instances' purges to it. */
    readonly local: MemoryCache,
    private readonly shared: Cache,
    /** How far apart the clocks of the instances sharing the store may be, in ms. Default 1,000. */
    private readonly clockSkewMs = 1_000,
  ) {}

  /** Answers from and fills the in-process tier only while `hearing()` is true. Default: always. */
  trustWhile(hearing: () => boolean): void {
    this.hearing = hearing;
  }

  /** Empties the in-process tier, without recording a purge (that would hide the shared store's entries). */
  drop(): void {
    this.local.drop();
  }

  async getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    const found = this.hearing() ? await this.local.getMany(keys) : keys.map(() => undefined);
    const missing = keys.filter((_, index) => found[index] === undefined);
    if (missing.length === 0) return found;
    const fetched = await this.shared.getMany(missing);
    let next = 0;
    return found.map((entry, index) => {
      if (entry) return entry;
      const shared = fetched[next++];
      if (!shared || this.local.purgedAfter(shared.tags, shared.storedAt - this.clockSkewMs))
        return undefined;
      // Asked again: the subscription may have been lost while the shared store answered.
      if (this.hearing()) this.local.keep(keys[index]!, shared, shared.storedAt + shared.ttlSeconds * 1000);
      return shared;
    });
  }

  async set(key: string, value: string, options: SetOptions): Promise<void> {
    // Not trusted, the tier must at least not keep the value this one replaces.
    const here = this.hearing() ? this.local.set(key, value, options) : this.local.delete(key);
    await Promise.all([this.shared.set(key, value, options), here]);
  }

  async reserve(key: string, options: SetOptions): Promise<void> {
    await Promise.all([this.shared.reserve(key, options), this.local.delete(key)]);
  }

  fill(key: string, value: string, options: SetOptions): Promise<void> {
    return this.shared.fill(key, value, options);
  }

  purgedSince(tags: readonly string[], since: number): Promise<ReadonlySet<string>> {
    return this.shared.purgedSince(tags, since);
  }

  async delete(key: string): Promise<void> {
    await Promise.all([this.shared.delete(key), this.local.delete(key)]);
  }

  /**
   * Purges this process's tier, then the shared store, then this tier again: while the shared store runs its purge
   * it still answers reads with entries the purge is about to delete, some written after this tier's first purge
   * (their reads were checked before the purge began), and such an entry would otherwise stay in process.
   */
  async invalidate(tags: readonly string[]): Promise<number> {
    await this.local.invalidate(tags);
    const count = await this.shared.invalidate(tags);
    await this.local.invalidate(tags);
    return count;
  }

  /** As `invalidate`, for everything. */
  async clear(): Promise<void> {
    await this.local.clear();
    await this.shared.clear();
    await this.local.clear();
  }

  async close(): Promise<void> {
    await Promise.all([this.shared.close(), this.local.close()]);
  }
}
