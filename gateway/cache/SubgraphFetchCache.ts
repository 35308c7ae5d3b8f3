import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { VaryDimension } from '../../contracts/caching.js';
import type { GatewayContext } from '../GatewayContext.js';
import { isFresh, isWithinGrace, type Cache, type CacheEntry } from './Cache.js';
import type { CacheMetrics } from './CacheMetrics.js';
import { canonicalJson, digest, varyKey } from './cacheKeys.js';
import { isShareable, type SubgraphAnswer } from './subgraphAnswer.js';
import { storeUnlessPurged } from './storeUnlessPurged.js';
import { typeTags } from './typeTags.js';

/** Process options of a fetch made for a client operation (not a health check or schema load). */
export type IncomingOptions = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Send = (options: IncomingOptions) => Promise<SubgraphResponse>;
type AnswerOf = (response: SubgraphResponse) => SubgraphAnswer | undefined;

/** Anonymous and signed-in callers: what may be shared differs between them (see `isShareable`). */
type Caller = 'anonymous' | 'signed-in';

/**
 * What the gateway has learned about one subgraph operation: what it varies by, and whether its answers may be
 * shared, for each kind of caller. A caller of a kind not seen yet still looks entries up: one stored for the
 * other kind is under a key that only matches when it did not depend on who asked.
 */
interface Descriptor {
  vary: VaryDimension[];
  shareable: Partial<Record<Caller, boolean>>;
}

/** Hints change with deployments; relearn them this often. */
const DESCRIPTOR_TTL_SECONDS = 300;

export interface SubgraphFetchCacheOptions {
  cache: Cache;
  metrics: CacheMetrics;
  /** Seconds past expiry an entry may answer when its subgraph fails. */
  graceSeconds: number;
  now?: () => number;
}

/**
 * The entity cache. A subgraph fetch of `_entities` is split into its representations: those cached for that
 * subgraph, selection and varying context are served from the cache, only the misses are fetched (in one request),
 * and the answers are merged back in order and stored with the subgraph's TTL. Root-field fetches are cached
 * whole the same way. Only answers the subgraph marks cacheable and, for a signed-in caller, public and independent
 * of the viewer are stored (an anonymous caller's answers are shared among anonymous callers only);
 * when a fetch fails, entries within the grace window answer instead and the response is marked stale.
 */
export class SubgraphFetchCache {
  private readonly now: () => number;

  constructor(private readonly options: SubgraphFetchCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async fetch(
    subgraph: string,
    options: IncomingOptions,
    send: Send,
    answerOf: AnswerOf,
  ): Promise<SubgraphResponse> {
    // Every fetch of a mutation operation goes to its subgraph: the writes, and the reads of what they wrote.
    if (options.incomingRequestContext.operation?.operation === 'mutation') return send(options);
    const query = options.request.query ?? '';
    const { representations, ...variables } = options.request.variables ?? {};
    // One descriptor for both kinds of caller, with what is shareable recorded for each.
    const signedIn = options.context.request.viewer !== null;
    const caller: Caller = signedIn ? 'signed-in' : 'anonymous';
    const descriptorKey = `d:${subgraph}:${digest(query)}`;
    const descriptor = await this.descriptor(descriptorKey);
    const shareable = descriptor?.shareable[caller];

    // Everything that can change an answer is in its key: the subgraph, the query, every variable of the fetch
    // (arguments and @include/@skip conditions), the representation, and the context the subgraph said it used.
    const shape = digest(`${query}\n${canonicalJson(variables)}`);
    const items: Item[] = Array.isArray(representations)
      ? representations.map((representation: unknown) => entityItem(subgraph, shape, representation))
      : [{ kind: 'root', key: `r:${subgraph}:${shape}` }];
    const context = options.context.request;
    const keyFor = (item: Item, vary: VaryDimension[]) =>
      item.key ? `${item.key}:${varyKey(vary, context)}` : null;
    const entries =
      descriptor && shareable !== false
        ? await this.lookup(items.map((item) => keyFor(item, descriptor.vary)))
        : items.map(() => undefined);

    const now = this.now();
    const values: unknown[] = new Array(items.length);
    const missing: number[] = [];
    let freshFor = Infinity;
    entries.forEach((entry, index) => {
      if (entry && isFresh(entry, now)) {
        values[index] = JSON.parse(entry.value);
        freshFor = Math.min(freshFor, entry.ttlSeconds - Math.floor((now - entry.storedAt) / 1000));
        options.context.cache.note({ vary: descriptor?.vary ?? [], tags: entry.tags, private: false });
      } else missing.push(index);
    });
    if (shareable !== false) {
      this.options.metrics.record('entity', 'hit', items.length - missing.length);
      this.options.metrics.record('entity', 'miss', missing.length);
    }
    if (missing.length < items.length) {
      options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: Math.max(0, freshFor) });
    }
    if (missing.length === 0) return assemble(items, values, undefined);

    const readStartedAt = this.now();
    let response: SubgraphResponse;
    try {
      response = await send(
        Array.isArray(representations) ? withRepresentations(options, missing, items) : options,
      );
    } catch (error) {
      const stale = missing.map((index) => entries[index]);
      const usable = (entry: CacheEntry | undefined): entry is CacheEntry =>
        entry !== undefined && isWithinGrace(entry, this.now(), this.options.graceSeconds);
      if (!stale.every(usable)) throw error;
      stale.forEach((entry, position) => (values[missing[position]!] = JSON.parse(entry.value)));
      options.context.cache.stale = true;
      options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: 0 });
      this.options.metrics.record('entity', 'stale', missing.length);
      return assemble(items, values, undefined);
    }

    const fetched = items[0]?.kind === 'root' ? [response.data] : response.data?.['_entities'];
    if (!Array.isArray(fetched) || fetched.length !== missing.length) {
      if (missing.length === items.length) return response;
      throw new Error(
        `${subgraph} answered ${String(fetched?.length)} entities for ${missing.length} representations`,
      );
    }
    missing.forEach((index, position) => (values[index] = fetched[position]));

    const answer = answerOf(response);
    // Only an answer without errors teaches anything: a refused argument says nothing about the operation.
    if (answer && !response.errors?.length) {
      // A private answer shared among anonymous callers is keyed by the viewer too, whose anonymous value no
      // signed-in caller has.
      const viewer: VaryDimension[] = answer.private ? ['viewer'] : [];
      const learned: Descriptor = {
        vary: [...new Set([...(descriptor?.vary ?? []), ...answer.vary, ...viewer])],
        shareable: { ...descriptor?.shareable, [caller]: isShareable(answer, signedIn) },
      };
      const writes = learned.shareable[caller]
        ? missing.flatMap((index, position) => {
            const key = keyFor(items[index]!, learned.vary);
            if (!key || fetched[position] == null) return [];
            const tags = typeTags(items[index]!.tags ?? answer.tags);
            const value = JSON.stringify(fetched[position]);
            return [
              {
                key,
                value,
                options: { ttlSeconds: answer.maxAge, graceSeconds: this.options.graceSeconds, tags },
              },
            ];
          })
        : [];
      const [, stored] = await Promise.all([
        this.remember(descriptorKey, descriptor, learned),
        storeUnlessPurged(this.options.cache, writes, readStartedAt),
      ]);
      this.options.metrics.record('entity', 'store', stored);
    }
    return assemble(items, values, response, missing);
  }

  /** Keeps what an answer taught about its operation, when that differs from what was known. */
  private async remember(key: string, known: Descriptor | undefined, learned: Descriptor): Promise<void> {
    const same = (kind: Caller) => learned.shareable[kind] === known?.shareable[kind];
    if (known && same('anonymous') && same('signed-in') && learned.vary.length === known.vary.length) return;
    await this.options.cache.set(key, JSON.stringify(learned), { ttlSeconds: DESCRIPTOR_TTL_SECONDS });
  }

  /** What the gateway knows about a subgraph operation (in process, with Redis behind the in-process tier). */
  private async descriptor(key: string): Promise<Descriptor | undefined> {
    return parseDescriptor((await this.options.cache.getMany([key]))[0]);
  }

  private async lookup(keys: (string | null)[]): Promise<(CacheEntry | undefined)[]> {
    const present = keys.filter((key): key is string => key !== null);
    const found = present.length > 0 ? await this.options.cache.getMany(present) : [];
    let next = 0;
    return keys.map((key) => (key === null ? undefined : found[next++]));
  }
}

/** One cacheable unit of a fetch: an entity representation, or the whole answer of a root-field fetch. */
interface Item {
  kind: 'entity' | 'root';
  /** Key without the varying part; null when the item cannot be cached (no `id`). */
  key: string | null;
  representation?: unknown;
  /** The entity tag of an entity item; root items take the tags the subgraph reports. */
  tags?: string[];
}

function entityItem(subgraph: string, shape: string, representation: unknown): Item {
  const { __typename: typename, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
  const cacheable = typeof typename === 'string' && (typeof id === 'string' || typeof id === 'number');
  return {
    kind: 'entity',
    representation,
    key: cacheable ? `e:${subgraph}:${shape}:${digest(canonicalJson(representation))}` : null,
    ...(cacheable ? { tags: [`${typename}:${id}`] } : {}),
  };
}

function withRepresentations(options: IncomingOptions, missing: number[], items: Item[]): IncomingOptions {
  const representations = missing.map((index) => items[index]!.representation);
  return {
    ...options,
    request: { ...options.request, variables: { ...options.request.variables, representations } },
  };
}

function assemble(
  items: Item[],
  values: unknown[],
  response: SubgraphResponse | undefined,
  missing: number[] = [],
): SubgraphResponse {
  const errors = response?.errors?.map((error) => remapPath(error, missing));
  if (items[0]?.kind === 'root') {
    return { ...response, data: values[0] as Record<string, unknown>, ...(errors ? { errors } : {}) };
  }
  return { ...response, data: { ...response?.data, _entities: values }, ...(errors ? { errors } : {}) };
}

/** Error paths of a partial fetch point into the fetched subset; point them at the full list instead. */
function remapPath<E extends { path?: readonly (string | number)[] }>(error: E, missing: number[]): E {
  const [head, position, ...rest] = error.path ?? [];
  if (head !== '_entities' || typeof position !== 'number' || missing[position] === undefined) return error;
  return { ...error, path: [head, missing[position], ...rest] };
}

function parseDescriptor(entry: CacheEntry | undefined): Descriptor | undefined {
  if (!entry) return undefined;
  try {
    const parsed = JSON.parse(entry.value) as Descriptor;
    return Array.isArray(parsed.vary) && typeof parsed.shareable === 'object' && parsed.shareable !== null
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
