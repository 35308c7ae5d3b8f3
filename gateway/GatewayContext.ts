import type { RequestContext } from '../contracts/requestContext.js';
import type { RequestCacheState } from './cache/RequestCacheState.js';

/** What the gateway keeps per client request; the data source reads it to build and cache subgraph requests. */
export interface GatewayContext {
  request: RequestContext;
  cache: RequestCacheState;
}
