import type { ApolloServerPlugin } from '@apollo/server';
import { VARY_DIMENSIONS, type VaryDimension } from '../../contracts/caching.js';
import type { GatewayContext } from '../GatewayContext.js';

/** The client request header that chose each request-context dimension (see `readRequestContext`). */
const HEADER_OF: Record<VaryDimension, string> = {
  locale: 'Accept-Language',
  market: 'X-Market',
  segment: 'Authorization',
  viewer: 'Authorization',
};

/**
 * Tells browsers and CDNs exactly what the gateway knows about an answer, whether it came from the subgraphs or
 * the response cache: `private` when it depended on who the signed-in caller is (their identity, or their
 * segment), and `Vary`
 * naming the request headers that chose each dimension it depended on, so a shared cache in front of the gateway
 * never serves one market's prices or one segment's blocks to another. The gateway's own caches share answers
 * within a segment; a CDN cannot tell segments apart, so for it they are private.
 */
export function cacheHeadersPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, overallCachePolicy, response }) {
          const state = contextValue.cache;
          if (!state) return;
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
