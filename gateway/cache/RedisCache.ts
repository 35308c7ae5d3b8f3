import { Cluster, type Redis } from 'ioredis';
import type { Cache, CacheEntry, SetOptions } from './Cache.js';
import { DEFAULT_MAX_VALUE_BYTES, lifetimeMs, valueBytes } from './entryLimits.js';
import { nonEmptyString, optionalFunction, positiveInteger } from './optionChecks.js';
import { decodeEntry, encodeEntry } from './redisEntry.js';

/** Options of {@link RedisCache}. */
export interface RedisCacheOptions {
  /** A standalone client or a cluster client, usually from `createRedisClient`. Required; `close()` quits it. */
  client: Redis | Cluster;
  /** Prepended to every key this cache writes, so that several caches can share one Redis. Default `cf:`. */
  prefix?: string;
  /** Largest value stored; a larger one is not cached (and replaces nothing). Default 512 KiB. */
  maxValueBytes?: number;
  /** The clock for `storedAt`, in ms since the epoch (expiry itself is Redis's). Default `Date.now`. */
  now?: () => number;
}

const OWNER = 'RedisCache';

/**
 * The shared cache: every gateway instance reads and writes the same Redis (standalone or Cluster).
 *
 * Layout: entry at `<prefix>e:<key>` (JSON `{v, s, t, g}`, expiring with its grace window); tag index as a set at
 * `<prefix>t:<tag>` of entry keys, living as long as its longest entry. Every command names one key: on a Cluster
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
  }

  async getMany(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    const raw = await Promise.all(keys.map((key) => this.client.get(this.entryKey(key))));
    return raw.map(decodeEntry);
  }

  async set(key: string, value: string, options: SetOptions): Promise<void> {
    const ms = lifetimeMs(options);
    const entryKey = this.entryKey(key);
    if (valueBytes(value) > this.maxValueBytes) {
      // Keeping the previous value would serve data the caller has just replaced.
      await this.client.unlink(entryKey);
      return;
    }
    const tags = options.tags ?? [];
    const entry = encodeEntry({ value, storedAt: this.now(), ttlSeconds: options.ttlSeconds, tags });
    await Promise.all([
      this.client.set(entryKey, entry, 'PX', ms),
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

  async delete(key: string): Promise<void> {
    await this.client.unlink(this.entryKey(key));
  }

  async invalidate(tags: readonly string[]): Promise<number> {
    const tagKeys = [...new Set(tags)].map((tag) => this.tagKey(tag));
    const members = await Promise.all(tagKeys.map((tagKey) => this.client.smembers(tagKey)));
    const entryKeys = [...new Set(members.flat())];
    // UNLINK answers 1 only for a key that still existed, which is exactly the count of entries that went.
    const [removed] = await Promise.all([
      Promise.all(entryKeys.map((entryKey) => this.client.unlink(entryKey))),
      Promise.all(tagKeys.map((tagKey) => this.client.unlink(tagKey))),
    ]);
    return removed.reduce((sum, count) => sum + count, 0);
  }

  async clear(): Promise<void> {
    const match = `${escapeGlob(this.prefix)}*`;
    // SCAN only sees the node it is sent to, so a Cluster is scanned master by master.
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    await Promise.all(
      nodes.map(async (node) => {
        for await (const keys of node.scanStream({ match, count: 500 })) {
          await Promise.all((keys as string[]).map((key) => node.unlink(key)));
        }
      }),
    );
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') {
      // With the offline queue off, QUIT on a client that is not connected is refused; drop it instead.
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private entryKey(key: string): string {
    return `${this.prefix}e:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.prefix}t:${tag}`;
  }
}

/** Escapes the characters SCAN MATCH treats as a pattern, so a prefix matches only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
