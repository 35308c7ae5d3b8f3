import { Cluster, type Redis } from 'ioredis';
import { EVERYTHING, PURGE_MEMORY_SECONDS, type Cache, type CacheEntry, type SetOptions } from './Cache.js';
import { DEFAULT_MAX_VALUE_BYTES, lifetimeMs, valueBytes } from './entryLimits.js';
import { nonEmptyString, nonNegativeInteger, optionalFunction, positiveInteger } from './optionChecks.js';
import { decodeEntry, encodeEntry } from './redisEntry.js';

/** Options of {@link RedisCache}. */
export interface RedisCacheOptions {
  /** A standalone client or a cluster client, usually from `createRedisClient`. Required; `close()` quits it. */
  client: Redis | Cluster;
  /** Prepended to every key this cache writes, so that several caches can share one Redis. Default `cf:`. */
  prefix?: string;
  /** Largest value stored; a larger one is not cached (and replaces nothing). Default 512 KiB. */
  maxValueBytes?: number;
  /** The clock for `storedAt` and purge times, in ms since the epoch (expiry itself is Redis's). Default `Date.now`. */
  now?: () => number;
  /**
   * How far apart the clocks of the gateway instances sharing this Redis may be, in ms: `purgedSince` also
   * reports purges stamped up to this long before `since`. It only ever costs a store. Default 1,000.
   */
  clockSkewMs?: number;
}

const OWNER = 'RedisCache';

/** Longest wait for Redis to answer QUIT at close, in ms; then the connection is dropped. */
const QUIT_WAIT_MS = 1_000;

const PURGE_MEMORY_MS = PURGE_MEMORY_SECONDS * 1000;
/** The purge record of a purge still running: later than any time a read can start. */
const RUNNING = String(Number.MAX_SAFE_INTEGER);
/** SPOP with a count at least the set's size returns every member and deletes the set, atomically. */
const TAKE_ALL = 2 ** 31 - 1;

/**
 * The shared cache: every gateway instance reads and writes the same Redis (standalone or Cluster).
 *
 * Layout: entry at `<prefix>e:<key>` (JSON `{v, s, t, g}`, expiring with its grace window; a placeholder adds
 * `p`); tag index as a set at `<prefix>t:<tag>` of entry keys, living as long as its longest entry; when a tag was
 * last purged at `<prefix>p:<tag>`, and when everything was at `<prefix>purged-all`, each remembered for
 * `PURGE_MEMORY_SECONDS`. Other users of the prefix (rate-limit counters) are never touched. Every command names one key: on a Cluster
 * keys hash to different slots, and a multi-key command (MGET, DEL a b, MULTI) would fail with CROSSSLOT. Commands
 * are issued concurrently instead; the client's auto-pipelining batches them per node into one round trip.
 *
 * A tag set is not pruned when an entry is overwritten with other tags, so invalidating an old tag may still
 * delete the new entry: it errs towards deleting too much, never too little.
 */
export class RedisCache implements Cache {
  private readonly client: Redis | Cluster;
  private readonly prefix: string;
  private readonly maxValueBytes: number;
  private readonly now: () => number;
  private readonly clockSkewMs: number;

  constructor(options: RedisCacheOptions) {
    if (!options?.client) throw new TypeError(`${OWNER} option client must be an ioredis client; got none`);
    this.client = options.client;
    this.prefix = nonEmptyString(OWNER, 'prefix', options.prefix, 'cf:');
    this.maxValueBytes = positiveInteger(
      OWNER,
      'maxValueBytes',
      options.maxValueBytes,
      DEFAULT_MAX_VALUE_BYTES,
    );
    this.now = optionalFunction(OWNER, 'now', options.now, Date.now);
    this.clockSkewMs = nonNegativeInteger(OWNER, 'clockSkewMs', options.clockSkewMs, 1_000);
  }

  async getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    const raw = await Promise.all(keys.map((key) => this.client.get(this.entryKey(key))));
    return raw.map(decodeEntry);
  }

  set(key: string, value: string, options: SetOptions): Promise<void> {
    return this.write(key, value, options, 'set');
  }

  reserve(key: string, options: SetOptions): Promise<void> {
    return this.write(key, '', options, 'reserve');
  }

  async fill(key: string, value: string, options: SetOptions): Promise<void> {
    const entryKey = this.entryKey(key);
    if (valueBytes(value) > this.maxValueBytes) {
      await this.client.unlink(entryKey);
      return;
    }
    const tags = options.tags ?? [];
    const entry = encodeEntry({ value, storedAt: this.now(), ttlSeconds: options.ttlSeconds, tags });
    // XX: a purge since `reserve` deleted the placeholder, and then there is nothing to fill.
    await this.client.set(entryKey, entry, 'PX', lifetimeMs(options), 'XX');
  }

  async purgedSince(tags: readonly string[], since: number): Promise<ReadonlySet<string>> {
    const after = since - this.clockSkewMs;
    const [all, ...times] = await Promise.all([
      this.client.get(this.allPurgedKey()),
      ...tags.map((tag) => this.client.get(this.purgedKey(tag))),
    ]);
    if (Number(all) >= after) return new Set([EVERYTHING, ...tags]);
    return new Set(tags.filter((_, index) => Number(times[index]) >= after));
  }

  async delete(key: string): Promise<void> {
    await this.client.unlink(this.entryKey(key));
  }

  /**
   * A purge is marked as running before anything is deleted and stamped with its end time after: a write whose
   * read overlapped it in any way sees one or the other. Each tag set is taken and deleted in one command (SPOP
   * of all members), so an entry indexed while the purge runs stays indexed for the next one.
   */
  async invalidate(tags: readonly string[]): Promise<number> {
    const unique = [...new Set(tags)];
    const stamp = (time: string) =>
      Promise.all(unique.map((tag) => this.client.set(this.purgedKey(tag), time, 'PX', PURGE_MEMORY_MS)));
    await stamp(RUNNING);
    const members = await Promise.all(unique.map((tag) => this.client.spop(this.tagKey(tag), TAKE_ALL)));
    const entryKeys = [...new Set(members.flat())];
    // UNLINK answers 1 only for a key that still existed, which is exactly the count of entries that went.
    const removed = await Promise.all(entryKeys.map((entryKey) => this.client.unlink(entryKey)));
    await stamp(String(this.now()));
    return removed.reduce((sum, count) => sum + count, 0);
  }

  async clear(): Promise<void> {
    const stamp = (time: string) => this.client.set(this.allPurgedKey(), time, 'PX', PURGE_MEMORY_MS);
    await stamp(RUNNING);
    // Entries and tag sets only: purge records must outlive the purge, and rate-limit counters are not cache.
    const match = `${escapeGlob(this.prefix)}[et]:*`;
    // SCAN only sees the node it is sent to, so a Cluster is scanned master by master.
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    await Promise.all(
      nodes.map(async (node) => {
        for await (const keys of node.scanStream({ match, count: 500 })) {
          await Promise.all((keys as string[]).map((key) => node.unlink(key)));
        }
      }),
    );
    await stamp(String(this.now()));
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') {
      // With the offline queue off, QUIT on a client that is not connected is refused; drop it instead.
      this.client.disconnect();
      return;
    }
    // QUIT waits for Redis to answer; a stalled Redis must not hold the shutdown.
    let timer: NodeJS.Timeout | undefined;
    const quit = this.client.quit().then(
      () => true,
      () => false,
    );
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, QUIT_WAIT_MS, false)));
    const quitted = await Promise.race([quit, late]);
    clearTimeout(timer);
    if (!quitted) this.client.disconnect();
  }

  private async write(key: string, value: string, options: SetOptions, mode: 'set' | 'reserve') {
    const ms = lifetimeMs(options);
    const entryKey = this.entryKey(key);
    if (valueBytes(value) > this.maxValueBytes) {
      // Keeping the previous value would serve data the caller has just replaced.
      await this.client.unlink(entryKey);
      return;
    }
    const tags = options.tags ?? [];
    const stored = { value, storedAt: this.now(), ttlSeconds: options.ttlSeconds, tags };
    await Promise.all([
      this.client.set(entryKey, encodeEntry(stored, mode === 'reserve'), 'PX', ms),
      ...[...new Set(tags)].flatMap((tag) => {
        const tagKey = this.tagKey(tag);
        // NX gives a new set a lifetime; GT only ever lengthens it, so it outlives its longest entry.
        return [
          this.client.sadd(tagKey, entryKey),
          this.client.pexpire(tagKey, ms, 'NX'),
          this.client.pexpire(tagKey, ms, 'GT'),
        ];
      }),
    ]);
  }

  private entryKey(key: string): string {
    return `${this.prefix}e:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.prefix}t:${tag}`;
  }

  private purgedKey(tag: string): string {
    return `${this.prefix}p:${tag}`;
  }

  private allPurgedKey(): string {
    return `${this.prefix}purged-all`;
  }
}

/** Escapes the characters SCAN MATCH treats as a pattern, so a prefix matches only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
