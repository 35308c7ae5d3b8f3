import type { RequestContext } from '../contracts/requestContext.js';
import type { RequestCacheState } from './cache/RequestCacheState.js';
import type { Caller } from './limits/rateLimiter.js';
import type { RequestObservation } from './metrics/RequestObservation.js';
import type { PartnerContext } from './partners/PartnerContext.js';

/** What the gateway keeps per client request; the data source reads it to build and cache subgraph requests. */
export interface GatewayContext extends PartnerContext {
  request: RequestContext;
  cache: RequestCacheState;
  /** Who the request is counted against: rate limits and budgets (see `clientKeyFor`). */
  caller: Caller;
  /** What is noted about the request for its log line and metrics. Default none. */
  observation?: RequestObservation;
}
