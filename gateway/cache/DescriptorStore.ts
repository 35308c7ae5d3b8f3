import { LRUCache } from 'lru-cache';
import type { Cache, CacheEntry } from './Cache.js';

/** Hints change with deployments; relearn a descriptor this often. */
export const DESCRIPTOR_TTL_SECONDS = 300;

/** How many parsed descriptors one process keeps. */
const MAX_KNOWN = 20_000;

/** Reads a stored descriptor back; undefined for anything malformed. */
export type DescriptorParser<T> = (value: unknown) => T | undefined;

export interface DescriptorStoreOptions {
  cache: Cache;
  /** Default `Date.now`. */
  now?: () => number;
}

/**
 * What the gateway has learned about operations, for both cache layers: for a whole request, the dimensions its
 * answer varies by; for a subgraph operation, those and whether its answers may be shared. Each descriptor is kept
 * in the shared store, so every instance learns from every other, and parsed once per process: a lookup that
 * knows its descriptor spends no store round trip and no parsing on it.
 *
 * Descriptors say how to key entries, never what an entry holds, so purges leave them alone; they expire instead.
 */
export class DescriptorStore {
  private readonly known: LRUCache<string, { value: unknown; learnedAt: number }>;
  private readonly now: () => number;

  constructor(private readonly options: DescriptorStoreOptions) {
    this.now = options.now ?? Date.now;
    this.known = new LRUCache({ max: MAX_KNOWN });
  }

  /** The descriptor at `key` if this process knows it, without asking the store. */
  inProcess<T>(key: string, parse: DescriptorParser<T>): T | undefined {
    const known = this.known.get(key);
    if (!known) return undefined;
    if (this.now() - known.learnedAt < DESCRIPTOR_TTL_SECONDS * 1000) return parse(known.value);
    this.known.delete(key);
    return undefined;
  }

  /** The descriptor at `key`: in process, else from the store (one round trip). */
  async get<T>(key: string, parse: DescriptorParser<T>): Promise<T | undefined> {
    const known = this.inProcess(key, parse);
    if (known !== undefined) return known;
    const [entry] = await this.options.cache.getMany([key]);
    return this.adopt(key, entry, parse);
  }

  /** Takes a descriptor read from the store along with other keys; returns it parsed. */
  adopt<T>(key: string, entry: CacheEntry | undefined, parse: DescriptorParser<T>): T | undefined {
    if (!entry) return undefined;
    let value: T | undefined;
    try {
      value = parse(JSON.parse(entry.value));
    } catch {
      return undefined;
    }
    if (value !== undefined) this.known.set(key, { value, learnedAt: entry.storedAt });
    return value;
  }

  /**
   * Keeps `value` as the descriptor at `key`. The store is written when the value is new to this process, or
   * when half its life has passed, so a descriptor in use never expires under the entries keyed by it.
   */
  async set(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    const known = this.known.get(key);
    const now = this.now();
    const fresh = known && now - known.learnedAt < (DESCRIPTOR_TTL_SECONDS * 1000) / 2;
    if (fresh && JSON.stringify(known.value) === json) return;
    this.known.set(key, { value: JSON.parse(json) as unknown, learnedAt: now });
    await this.options.cache.set(key, json, { ttlSeconds: DESCRIPTOR_TTL_SECONDS });
  }
}
