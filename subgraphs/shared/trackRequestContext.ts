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
  return { context: new RecordingContext(request, read), dimensions: () => read };
}

/**
 * The recording getters live on the class, made once, rather than on an object literal per request: each request
 * then pays for one small object, not for five getter closures and a frozen object of its own shape.
 */
class RecordingContext implements Readonly<RequestContext> {
  readonly #request: RequestContext;
  readonly #read: Set<VaryDimension>;

  constructor(request: RequestContext, read: Set<VaryDimension>) {
    this.#request = request;
    this.#read = read;
    Object.freeze(this);
  }

  get locale() {
    this.#read.add('locale');
    return this.#request.locale;
  }
  get market() {
    this.#read.add('market');
    return this.#request.market;
  }
  get currency() {
    this.#read.add('market');
    return this.#request.currency;
  }
  get segment() {
    this.#read.add('segment');
    return this.#request.segment;
  }
  get viewer() {
    this.#read.add('viewer');
    return this.#request.viewer;
  }
}
