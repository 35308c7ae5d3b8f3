import type { VaryDimension } from '../../contracts/caching.js';
import type { RequestContext } from '../../contracts/requestContext.js';
import { trackRequestContext } from './trackRequestContext.js';

/**
 * What one request learns about its own cacheability while it runs: which context dimensions its resolvers and
 * loaders read, and which entities its mutations changed. `cacheReporter` turns it into the response's vary
 * header and extensions.
 */
export interface CacheReport {
  /** The context as received. Reading it records nothing: only the reporter itself reads it. */
  request: RequestContext;
  /** The same context for resolvers and loaders; every read is recorded. */
  trackedRequest: Readonly<RequestContext>;
  /** The dimensions `trackedRequest` has been read for. */
  dimensions(): ReadonlySet<VaryDimension>;
  /** Tags the request's mutations declared changed, in the order declared, without repeats. */
  invalidated: ReadonlySet<string>;
  /** Declares entities changed (`entityTag`, `viewerTag`); a mutation calls it after a successful write. */
  invalidate(...tags: string[]): void;
}

/** Starts the report of one request. */
export function createCacheReport(request: RequestContext): CacheReport {
  const tracked = trackRequestContext(request);
  const invalidated = new Set<string>();
  return {
    request,
    trackedRequest: tracked.context,
    dimensions: tracked.dimensions,
    invalidated,
    invalidate(...tags) {
      for (const tag of tags) invalidated.add(tag);
    },
  };
}
