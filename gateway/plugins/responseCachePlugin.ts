import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { print } from 'graphql';
import { viewerTag, type VaryDimension } from '../../contracts/caching.js';
import { ErrorCode } from '../../contracts/errors.js';
import { ageSeconds, isFresh, isWithinGrace, type Cache, type CacheEntry } from '../cache/Cache.js';
import type { CacheMetrics } from '../cache/CacheMetrics.js';
import { canonicalJson, digest, varyKey } from '../cache/cacheKeys.js';
import { storeUnlessPurged } from '../cache/storeUnlessPurged.js';
import { typeTags } from '../cache/typeTags.js';
import type { GatewayContext } from '../GatewayContext.js';

export interface ResponseCachePluginOptions {
  cache: Cache;
  metrics: CacheMetrics;
  /** Seconds past expiry an entry may answer when a subgraph fails. */
  graceSeconds: number;
  now?: () => number;
}

/** Response header telling whether the answer came from the whole-response cache. */
export const CACHE_STATUS_HEADER = 'x-cache';

type Status = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';
type Scope = 'PUBLIC' | 'PRIVATE';
interface StoredResponse {
  result: Record<string, unknown>;
  scope: Scope;
}

/**
 * Apollo Gateway's extension for non-null fields it had to null (an entity that is gone): the answer is not what
 * the subgraphs hold, so it is not stored.
 */
const VALUE_COMPLETION = 'valueCompletion';

/** Hints change with deployments; relearn what an operation varies by this often. */
const DESCRIPTOR_TTL_SECONDS = 300;

/**
 * The whole-response cache. A query's answer is stored when its overall cache policy allows it, under a key made
 * of the normalised document, operation name, variables and whether the caller is signed in, plus the values of
 * exactly the request-context dimensions the subgraphs reported using. An answer with private parts is keyed by
 * who asked: a signed-in caller alone, or every anonymous caller. Errors, nulled fields, mutations and stale answers are
 * never stored, nor an answer whose entities were purged while it was being read; a stored answer past its expiry
 * still answers, marked `STALE`, when a subgraph is unavailable.
 */
export function responseCachePlugin(options: ResponseCachePluginOptions): ApolloServerPlugin<GatewayContext> {
  const { cache, metrics } = options;
  const now = options.now ?? Date.now;
  return {
    async requestDidStart() {
      const readStartedAt = now();
      let status: Status = 'BYPASS';
      let base: string | undefined;
      let stale: CacheEntry | undefined;
      return {
        async responseForOperation(requestContext) {
          // Typed as always present, but Apollo Server calls this hook before it reports an unknown operation name.
          const operation = requestContext.operation as typeof requestContext.operation | undefined;
          if (operation?.operation !== 'query') return null;
          base = baseKey(requestContext);
          status = 'MISS';
          const vary = parseVary((await cache.getMany([`rd:${base}`]))[0]);
          const [entry] = vary ? await cache.getMany([entryKey(base, vary, requestContext)]) : [undefined];
          const stored = entry ? parseStored(entry) : undefined;
          if (!entry || !stored || !isFresh(entry, now())) {
            stale = entry && stored && isWithinGrace(entry, now(), options.graceSeconds) ? entry : undefined;
            metrics.record('response', 'miss');
            return null;
          }
          status = 'HIT';
          metrics.record('response', 'hit');
          // What the answer depended on decides the client's Cache-Control and Vary, as on a miss.
          requestContext.contextValue.cache?.note({
            vary: vary ?? [],
            tags: [],
            private: stored.scope === 'PRIVATE',
          });
          const age = ageSeconds(entry, now());
          requestContext.overallCachePolicy.replace({
            maxAge: Math.max(0, entry.ttlSeconds - age),
            scope: stored.scope,
          });
          requestContext.response.http.headers.set('age', String(age));
          return {
            http: requestContext.response.http,
            body: { kind: 'single', singleResult: stored.result },
          };
        },

        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          if (status === 'MISS' && base && response.body.kind === 'single') {
            const result = response.body.singleResult;
            if (result.errors?.length) {
              if (
                stale &&
                result.errors.every((e) => e.extensions?.['code'] === ErrorCode.SubgraphUnavailable)
              ) {
                response.body.singleResult = parseStored(stale)!.result;
                response.http.headers.set('cache-control', 'no-store');
                status = 'STALE';
                metrics.record('response', 'stale');
              }
            } else if (contextValue.cache?.stale) {
              status = 'STALE';
            } else if (!result.extensions?.[VALUE_COMPLETION]) {
              await store(base, requestContext, result, readStartedAt);
            }
          }
          response.http.headers.set(CACHE_STATUS_HEADER, status);
        },
      };
    },
  };

  async function store(
    base: string,
    requestContext: GraphQLRequestContext<GatewayContext>,
    result: object,
    readStartedAt: number,
  ) {
    const policy = requestContext.overallCachePolicy.policyIfCacheable();
    const state = requestContext.contextValue.cache;
    const viewer = requestContext.contextValue.request.viewer;
    if (!policy || !state) return;
    // A private answer is kept under a key that says whose it is: a signed-in caller's own, or one shared by
    // anonymous callers only (the base key and the viewer dimension both tell them apart).
    const perViewer = policy.scope === 'PRIVATE' || state.isPerViewer;
    const vary: VaryDimension[] = [...state.vary];
    if (perViewer && !vary.includes('viewer')) vary.push('viewer');
    const tags = typeTags(state.tags);
    if (perViewer && viewer) tags.push(viewerTag(viewer.customerId));
    const stored: StoredResponse = {
      result: result as Record<string, unknown>,
      scope: policy.scope,
    };
    const entry = {
      key: entryKey(base, vary, requestContext),
      value: JSON.stringify(stored),
      options: { ttlSeconds: policy.maxAge, graceSeconds: options.graceSeconds, tags },
    };
    const [, count] = await Promise.all([
      cache.set(`rd:${base}`, JSON.stringify(vary), { ttlSeconds: DESCRIPTOR_TTL_SECONDS }),
      storeUnlessPurged(cache, [entry], readStartedAt),
    ]);
    metrics.record('response', 'store', count);
  }
}

/** Same document (in any spelling), operation, variables and sign-in state → same base key. */
function baseKey(requestContext: GraphQLRequestContext<GatewayContext>): string {
  return digest(
    [
      print(requestContext.document!),
      requestContext.operationName ?? '',
      canonicalJson(requestContext.request.variables ?? {}),
      requestContext.contextValue.request.viewer ? 'signed-in' : 'anonymous',
    ].join('\n'),
  );
}

function entryKey(
  base: string,
  vary: VaryDimension[],
  requestContext: GraphQLRequestContext<GatewayContext>,
) {
  return `rs:${base}:${varyKey(vary, requestContext.contextValue.request)}`;
}

function parseVary(entry: CacheEntry | undefined): VaryDimension[] | undefined {
  if (!entry) return undefined;
  try {
    const parsed: unknown = JSON.parse(entry.value);
    return Array.isArray(parsed) ? (parsed as VaryDimension[]) : undefined;
  } catch {
    return undefined;
  }
}

function parseStored(entry: CacheEntry): StoredResponse | undefined {
  try {
    const parsed = JSON.parse(entry.value) as StoredResponse;
    return parsed && typeof parsed.result === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
