import type { VaryDimension } from '../../contracts/caching.js';
import type { RequestContext } from '../../contracts/requestContext.js';

/** A request context that remembers which of its dimensions were read. */
export interface TrackedRequestContext {
  /** Read-only: each getter records its dimension before answering. */
  context: Readonly<RequestContext>;
  /** The dimensions read so far (a live view: later reads show up in it). */
  dimensions(): ReadonlySet<VaryDimension>;
}

/**
 * Wraps `request` so that every read records what the answer may depend on: `locale` → locale, `market` and
 * `currency` → market (the currency follows from the market), `segment` → segment, `viewer` → viewer. Anything
 * a resolver or loader reads through the wrapper becomes part of the answer's vary header, and anything it does
 * not read is left out, so cached answers are shared as widely as is correct.
 */
export function trackRequestContext(request: RequestContext): TrackedRequestContext {
  const read = new Set<VaryDimension>();
  const context: Readonly<RequestContext> = Object.freeze({
    get locale() {
      read.add('locale');
      return request.locale;
    },
    get market() {
      read.add('market');
      return request.market;
    },
    get currency() {
      read.add('market');
      return request.currency;
    },
    get segment() {
      read.add('segment');
      return request.segment;
    },
    get viewer() {
      read.add('viewer');
      return request.viewer;
    },
  });
  return { context, dimensions: () => read };
}
