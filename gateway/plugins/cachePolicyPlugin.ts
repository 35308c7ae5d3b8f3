import type { ApolloServerPlugin } from '@apollo/server';
import { VARY_DIMENSIONS, type VaryDimension } from '../../contracts/caching.js';
import type { GatewayContext } from '../GatewayContext.js';

/** Apollo Gateway's extension listing non-null fields it had to null. */
const VALUE_COMPLETION = 'valueCompletion';

/** The client request header that chose each request-context dimension (see `readRequestContext`). */
const HEADER_OF: Record<VaryDimension, string> = {
  locale: 'Accept-Language',
  market: 'X-Market',
  segment: 'Authorization',
  viewer: 'Authorization',
};

/**
 * Records what the response turned out to be (operation type, error codes, nulled fields) for the whole-response
 * cache, which stores after Apollo Server has answered; it runs before error masking rewrites any of it. And tells
 * browsers and CDNs exactly what the gateway knows about an answer: `private` when it depended on who the signed-in caller is (their identity, or their
 * segment), and `Vary`
 * naming the request headers that chose each dimension it depended on, so a shared cache in front of the gateway
 * never serves one market's prices or one segment's blocks to another. The gateway's own caches share answers
 * within a segment; a CDN cannot tell segments apart, so for it they are private.
 */
export function cachePolicyPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, overallCachePolicy, response, operation }) {
          const state = contextValue.cache;
          if (!state) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          state.outcome = {
            operation: operation?.operation,
            errorCodes: (result?.errors ?? []).map((error) => String(error.extensions?.['code'])),
            incomplete: result?.extensions?.[VALUE_COMPLETION] !== undefined,
            policy: overallCachePolicy.policyIfCacheable(),
          };
          // Runs before Apollo Server's cache-control plugin, which writes the header from this policy. An
          // anonymous answer is the same for every anonymous caller: `Vary: Authorization` keeps it theirs.
          const personal = state.isPerViewer || state.vary.has('segment');
          if (personal && contextValue.request.viewer) overallCachePolicy.restrict({ scope: 'PRIVATE' });
          const named = VARY_DIMENSIONS.filter((dimension) => state.vary.has(dimension)).map(
            (dimension) => HEADER_OF[dimension],
          );
          if (named.length === 0) return;
          const existing = response.http.headers.get('vary');
          const all = new Set([...(existing ? existing.split(/\s*,\s*/) : []), ...named]);
          response.http.headers.set('vary', [...all].join(', '));
        },
      };
    },
  };
}
