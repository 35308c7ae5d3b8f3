import { VARY_DIMENSIONS, viewerTag, type VaryDimension } from '../../contracts/caching.js';
import { ErrorCode } from '../../contracts/errors.js';
import type { GatewayContext } from '../GatewayContext.js';
import { ageSeconds, isFresh, isWithinGrace, type Cache, type CacheEntry } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import { digest, everyVaryKey, parseVaryList, varyKey, varySetIndex } from './cacheKeys.js';
import type { DescriptorStore } from './DescriptorStore.js';
import { storeUnlessPurged } from './storeUnlessPurged.js';
import { typeTags } from './typeTags.js';

/** Response header telling whether the answer came from the whole-response cache. */
export const CACHE_STATUS_HEADER = 'x-cache';

export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

/** A response as the HTTP layer sends it. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a lookup found: a response to send as it is, or the key to store under once Apollo Server has answered. */
export type Lookup =
  | { status: 'HIT'; answer: HttpAnswer }
  | {
      status: 'MISS';
      base: string;
      readStartedAt: number;
      stale: StoredResponse | undefined;
      /** The schema version the request was looked up under. */
      schemaVersion: string;
    };

/** A response as stored: the exact bytes sent, and what to tell clients about them. */
interface StoredResponse {
  body: string;
  contentType: string;
  scope: 'public' | 'private';
  vary: string | null;
}

export interface ResponseCacheOptions {
  cache: Cache;
  /** Where what each request varies by is learned (shared with the entity cache). */
  descriptors: DescriptorStore;
  metrics: CacheMetrics;
  /** Seconds past expiry an entry may answer when a subgraph fails. */
  graceSeconds: number;
  now?: () => number;
  /**
   * The version of the schema served (see `schema/schemaVersion.ts`), part of every key: an answer stored under
   * one schema never answers under another. Default: one schema for the life of the process.
   */
  schemaVersion?: () => string;
}

/**
 * The whole-response cache, at the HTTP layer: a request whose exact bytes (method, query string or body, Accept),
 * sign-in state and client were answered before, under the same schema version, is answered again before Apollo
 * Server parses, validates or plans anything, after identity and rate limit. Entries are keyed further by exactly
 * the request-context dimensions the subgraphs reported using, and store the bytes sent. An answer with private
 * parts is keyed by who asked: a signed-in caller alone, or every anonymous caller. Only queries are stored, and
 * never an answer with errors, nulled fields or stale parts, nor one whose entities were purged or whose schema was
 * swapped while it was read; a stored answer past its expiry still answers, marked `STALE`, when a subgraph is
 * unavailable.
 */
export class ResponseCache {
  private readonly now: () => number;
  private readonly schemaVersion: () => string;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
    this.schemaVersion = options.schemaVersion ?? (() => '');
  }

  /** Looks `request` (its bytes, see `requestBytes`) up for the caller in `context`. */
  async lookup(request: string, context: GatewayContext): Promise<Lookup> {
    const { metrics } = this.options;
    const readStartedAt = this.now();
    const schemaVersion = this.schemaVersion();
    const base = digest(`${schemaVersion}\n${request}\n${callerClass(context)}`);
    const entry = await this.find(base, context);
    const stored = entry && parseStored(entry);
    const now = this.now();
    if (!entry || !stored || !isFresh(entry, now)) {
      metrics.record('response', 'miss');
      const stale =
        stored && entry && isWithinGrace(entry, now, this.options.graceSeconds) ? stored : undefined;
      return { status: 'MISS', base, readStartedAt, stale, schemaVersion };
    }
    metrics.record('response', 'hit');
    const age = ageSeconds(entry, now);
    const headers: Record<string, string> = {
      'content-type': stored.contentType,
      'cache-control': `max-age=${Math.max(0, entry.ttlSeconds - age)}, ${stored.scope}`,
      age: String(age),
      [CACHE_STATUS_HEADER]: 'HIT',
    };
    if (stored.vary) headers['vary'] = stored.vary;
    return { status: 'HIT', answer: { status: 200, headers, body: stored.body } };
  }

  /**
   * The entry for `base` and the caller, with one store round trip at most: when this process does not know what
   * the request varies by, the descriptor and every entry it could point to are read together.
   */
  private async find(base: string, context: GatewayContext): Promise<CacheEntry | undefined> {
    const { cache, descriptors } = this.options;
    const known = descriptors.inProcess(descriptorKey(base), parseVaryList);
    if (known) return (await cache.getMany([entryKey(base, known, context)]))[0];
    const candidates = everyVaryKey(context.request).map((vary) => `rs:${base}:${vary}`);
    const [descriptor, ...entries] = await cache.getMany([descriptorKey(base), ...candidates]);
    const vary = descriptors.adopt(descriptorKey(base), descriptor, parseVaryList);
    return vary ? entries[varySetIndex(vary)] : undefined;
  }

  /**
   * Stores what Apollo Server answered for a missed request, when it may be stored; answers a failed request from
   * the stale entry when there is one. Returns the cache status, and the answer to send instead, if any.
   */
  async finish(
    miss: Extract<Lookup, { status: 'MISS' }>,
    context: GatewayContext,
    answer: HttpAnswer,
  ): Promise<{ status: CacheStatus; replacement?: HttpAnswer }> {
    const state = context.cache;
    const outcome = state.outcome;
    if (outcome?.operation !== 'query') return { status: 'BYPASS' };
    if (outcome.errorCodes.length > 0) {
      const unavailable = outcome.errorCodes.every((code) => code === ErrorCode.SubgraphUnavailable);
      if (!miss.stale || !unavailable) return { status: 'MISS' };
      this.options.metrics.record('response', 'stale');
      const headers = { 'content-type': miss.stale.contentType, 'cache-control': 'no-store' };
      return { status: 'STALE', replacement: { status: 200, headers, body: miss.stale.body } };
    }
    if (state.stale) return { status: 'STALE' };
    // Swapped while it ran: the answer may mix both schemas, and belongs under neither key.
    if (this.schemaVersion() !== miss.schemaVersion) return { status: 'MISS' };
    // What clients are told, and what the gateway may share: a segment's page is private to a browser, but the
    // same for everyone in the segment.
    const told = parseCacheControl(answer.headers['cache-control']);
    const policy = outcome.policy;
    if (outcome.incomplete || !told || !policy || answer.status !== 200) return { status: 'MISS' };

    const viewer = context.request.viewer;
    const perViewer = policy.scope === 'PRIVATE' || state.isPerViewer;
    const vary = VARY_DIMENSIONS.filter(
      (dimension) => state.vary.has(dimension) || (perViewer && dimension === 'viewer'),
    );
    const tags = typeTags(state.tags);
    if (perViewer && viewer) tags.push(viewerTag(viewer.customerId));
    const stored: StoredResponse = {
      body: answer.body,
      contentType: answer.headers['content-type'] ?? 'application/json; charset=utf-8',
      scope: told.scope,
      vary: answer.headers['vary'] ?? null,
    };
    const entry = {
      key: entryKey(miss.base, vary, context),
      value: JSON.stringify(stored),
      options: { ttlSeconds: told.maxAge, graceSeconds: this.options.graceSeconds, tags },
    };
    const { cache, descriptors, metrics } = this.options;
    const [, count] = await Promise.all([
      descriptors.set(descriptorKey(miss.base), vary),
      storeUnlessPurged(cache, [entry], miss.readStartedAt),
    ]);
    metrics.record('response', 'store', count);
    return { status: 'MISS' };
  }
}

/**
 * Who a stored answer may be shared with before anything varies: anonymous and signed-in callers never share,
 * and a client limited to its own registered operations shares only with itself (its refusals differ).
 */
function callerClass(context: GatewayContext): string {
  const signedIn = context.request.viewer ? 'signed-in' : 'anonymous';
  const client = context.client?.policy === 'persisted-only' ? context.client.name : 'open';
  return `${signedIn}\n${client}`;
}

function descriptorKey(base: string): string {
  return `rd:${base}`;
}

function entryKey(base: string, vary: readonly VaryDimension[], context: GatewayContext): string {
  return `rs:${base}:${varyKey(vary, context.request)}`;
}

/** `max-age=N, public|private` as Apollo Server writes it; undefined for anything uncacheable. */
function parseCacheControl(
  header: string | undefined,
): { maxAge: number; scope: 'public' | 'private' } | undefined {
  const match = /^max-age=(\d+), (public|private)$/.exec(header ?? '');
  const maxAge = Number(match?.[1]);
  return match && maxAge > 0 ? { maxAge, scope: match[2] as 'public' | 'private' } : undefined;
}

/**
 * Entries the in-process tier holds are the same objects on every hit, so each is parsed once (a 10 KB page costs
 * about as much to parse as the rest of a hit). Keyed weakly: an entry evicted from the tier takes its parse along.
 */
const parsedEntries = new WeakMap<CacheEntry, StoredResponse | null>();

function parseStored(entry: CacheEntry): StoredResponse | undefined {
  let parsed = parsedEntries.get(entry);
  if (parsed === undefined) {
    parsed = parseEntry(entry.value);
    parsedEntries.set(entry, parsed);
  }
  return parsed ?? undefined;
}

function parseEntry(value: string): StoredResponse | null {
  try {
    const parsed = JSON.parse(value) as StoredResponse;
    return parsed && typeof parsed.body === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
