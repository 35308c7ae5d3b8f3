import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../contracts/errors.js';
import { verifyInternalIdentity } from '../../contracts/internalIdentity.js';
import type { Viewer } from '../../contracts/requestContext.js';

/** Reads the signed identity header of a subgraph request. */
export type IdentityReader = (token: string | undefined) => Promise<Viewer | null>;

/**
 * Verifies the gateway's signed identity header (see contracts/internalIdentity.ts). No header: anonymous. A header
 * that does not verify: `UNAUTHENTICATED` with HTTP 401, never anonymous access. Verified tokens are remembered
 * until they expire, since the gateway sends the same token to every subgraph fetch of one client request.
 */
export function createIdentityReader(secret: string, now: () => number = Date.now): IdentityReader {
  const verified = new LRUCache<string, { viewer: Viewer; expiresAt: number }>({ max: 10_000 });
  return async (token) => {
    if (token === undefined || token === '') return null;
    const known = verified.get(token);
    if (known && known.expiresAt > now()) return known.viewer;
    try {
      const identity = await verifyInternalIdentity(token, secret);
      verified.set(token, identity);
      return identity.viewer;
    } catch {
      throw new GraphQLError('The identity header is invalid or expired.', {
        extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
      });
    }
  };
}
