import { isFresh, isWithinGrace, type Cache, type CacheEntry } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import { digest, varyKey } from './cacheKeys.js';
import type { DescriptorStore } from './DescriptorStore.js';
import {
  fetchedValues,
  fetchOfMissing,
  learn,
  mergeFetch,
  parseDescriptor,
  splitFetch,
  type Caller,
  type Descriptor,
  type Exchange,
  type IncomingOptions,
  type Item,
  type SubgraphResponse,
} from './entityFetch.js';
import { storeUnlessPurged } from './storeUnlessPurged.js';
import { typeTags } from './typeTags.js';

/** Sends a fetch to its subgraph; the data source's side of the entity cache. */
export type Send = (options: IncomingOptions) => Promise<Exchange>;

export interface SubgraphFetchCacheOptions {
  cache: Cache;
  /** Where what each subgraph operation varies by is learned (shared with the whole-response cache). */
  descriptors: DescriptorStore;
  metrics: CacheMetrics;
  /** Seconds past expiry an entry may answer when its subgraph fails. */
  graceSeconds: number;
  now?: () => number;
  /**
   * The version of the schema served (see `schema/schemaVersion.ts`), part of every key: an entry stored under one
   * schema never answers under another. Default: one schema for the life of the process.
   */
  schemaVersion?: () => string;
}

/**
 * The entity cache. A subgraph fetch of `_entities` is split into its representations: those cached for that
 * schema version, subgraph, selection and varying context are served from the cache, only the misses are fetched
 * (in one request), and the answers are merged back in order and stored with the subgraph's TTL. Root-field
 * fetches are cached whole the same way. Only answers the subgraph marks cacheable and, for a signed-in caller, public and independent
 * of the viewer are stored (an anonymous caller's answers are shared among anonymous callers only);
 * when a fetch fails, entries within the grace window answer instead and the response is marked stale.
 * The pure steps are in `entityFetch.ts`; this is their order.
 */
export class SubgraphFetchCache {
  private readonly now: () => number;
  private readonly schemaVersion: () => string;

  constructor(private readonly options: SubgraphFetchCacheOptions) {
    this.now = options.now ?? Date.now;
    this.schemaVersion = options.schemaVersion ?? (() => '');
  }

  /** Answers a query fetch from the cache where it can, sending `send` only what it cannot. */
  async fetch(subgraph: string, options: IncomingOptions, send: Send): Promise<SubgraphResponse> {
    // Every fetch of a mutation operation goes to its subgraph: the writes, and the reads of what they wrote.
    if (options.incomingRequestContext.operation?.operation === 'mutation')
      return (await send(options)).response;
    const { cache, descriptors, metrics } = this.options;
    const caller: Caller = options.context.request.viewer ? 'signed-in' : 'anonymous';
    const schemaVersion = this.schemaVersion();
    const descriptorKey = `d:${subgraph}:${digest(`${schemaVersion}\n${options.request.query ?? ''}`)}`;
    const descriptor = await descriptors.get(descriptorKey, parseDescriptor);
    const shareable = descriptor?.shareable[caller];
    const items = splitFetch(subgraph, options.request, schemaVersion);
    const keyFor = (item: Item, vary: Descriptor['vary']) =>
      item.key ? `${item.key}:${varyKey(vary, options.context.request)}` : null;

    const entries =
      descriptor && shareable !== false
        ? await lookup(
            cache,
            items.map((item) => keyFor(item, descriptor.vary)),
          )
        : items.map(() => undefined);
    const { values, missing } = this.serveFresh(options, entries, descriptor?.vary ?? []);
    if (shareable !== false) {
      metrics.record('entity', 'hit', items.length - missing.length);
      metrics.record('entity', 'miss', missing.length);
    }
    if (missing.length === 0) return mergeFetch(items, values, undefined);

    const readStartedAt = this.now();
    let exchange: Exchange;
    try {
      exchange = await send(fetchOfMissing(options, items, missing));
    } catch (error) {
      if (!this.serveStale(options, entries, missing, values)) throw error;
      return mergeFetch(items, values, undefined);
    }
    const { response, answer } = exchange;
    const fetched = fetchedValues(items, response, missing.length);
    if (!fetched) {
      if (missing.length === items.length) return response;
      throw new Error(`${subgraph} did not answer one entity for each of ${missing.length} representations`);
    }
    missing.forEach((index, position) => (values[index] = fetched[position]));

    // Only an answer without errors teaches anything: a refused argument says nothing about the operation.
    if (!response.errors?.length) {
      const learned = learn(descriptor, answer, caller);
      const writes = learned.shareable[caller]
        ? missing.flatMap((index, position) => {
            const key = keyFor(items[index]!, learned.vary);
            if (!key || fetched[position] == null) return [];
            const tags = typeTags(items[index]!.tags ?? answer.tags);
            const options = { ttlSeconds: answer.maxAge, graceSeconds: this.options.graceSeconds, tags };
            return [{ key, value: JSON.stringify(fetched[position]), options }];
          })
        : [];
      const [, stored] = await Promise.all([
        descriptors.set(descriptorKey, learned),
        storeUnlessPurged(cache, writes, readStartedAt),
      ]);
      metrics.record('entity', 'store', stored);
    }
    return mergeFetch(items, values, response, missing);
  }

  /** The values of the fresh entries, noted on the request; the positions of the rest. */
  private serveFresh(
    options: IncomingOptions,
    entries: (CacheEntry | undefined)[],
    vary: Descriptor['vary'],
  ): { values: unknown[]; missing: number[] } {
    const now = this.now();
    const values: unknown[] = new Array(entries.length);
    const missing: number[] = [];
    let freshFor = Infinity;
    entries.forEach((entry, index) => {
      if (entry && isFresh(entry, now)) {
        values[index] = JSON.parse(entry.value);
        freshFor = Math.min(freshFor, entry.ttlSeconds - Math.floor((now - entry.storedAt) / 1000));
        options.context.cache.note({ vary, tags: entry.tags, private: false });
      } else missing.push(index);
    });
    if (missing.length < entries.length) {
      options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: Math.max(0, freshFor) });
    }
    return { values, missing };
  }

  /**
   * Fills the `missing` values from entries within their grace window, when every one has such an entry, and
   * marks the response stale; false otherwise.
   */
  private serveStale(
    options: IncomingOptions,
    entries: (CacheEntry | undefined)[],
    missing: number[],
    values: unknown[],
  ): boolean {
    const stale = missing.map((index) => entries[index]);
    const usable = (entry: CacheEntry | undefined): entry is CacheEntry =>
      entry !== undefined && isWithinGrace(entry, this.now(), this.options.graceSeconds);
    if (!stale.every(usable)) return false;
    stale.forEach((entry, position) => (values[missing[position]!] = JSON.parse(entry.value)));
    options.context.cache.stale = true;
    options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: 0 });
    this.options.metrics.record('entity', 'stale', missing.length);
    return true;
  }
}

/** The entries at `keys`, in one round trip; undefined where the key is null (an item that cannot be cached). */
async function lookup(cache: Cache, keys: (string | null)[]): Promise<(CacheEntry | undefined)[]> {
  const present = keys.filter((key): key is string => key !== null);
  const found = present.length > 0 ? await cache.getMany(present) : [];
  let next = 0;
  return keys.map((key) => (key === null ? undefined : found[next++]));
}
