import { jwtVerify, SignJWT } from 'jose';
import type { Viewer } from './requestContext.js';

/**
 * How the gateway tells a subgraph who the caller is: a short-lived HS256 token in one header, signed with a secret
 * only the gateway and the subgraphs share. A subgraph believes no other identity header, so calling it directly
 * with a forged `x-customer-id` (or anything else) gets an anonymous answer, and a forged or expired token gets 401.
 */
export const IDENTITY_HEADER = 'x-commerce-identity';

const ISSUER = 'commerce-gateway';
const AUDIENCE = 'commerce-subgraphs';
const ALGORITHMS = ['HS256'];

/** The development secret, public on purpose; production must set INTERNAL_AUTH_SECRET. */
export const DEVELOPMENT_INTERNAL_SECRET = 'development-only-internal-secret-do-not-use';

/** Signs `viewer` for subgraphs; valid for `ttlSeconds`. */
export function signInternalIdentity(viewer: Viewer, secret: string, ttlSeconds = 60): Promise<string> {
  return new SignJWT({ segment: viewer.segment, roles: [...viewer.roles] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.customerId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/**
 * Verifies a token from `signInternalIdentity` and returns its viewer and expiry (ms since the epoch).
 * Throws for a token that is malformed, wrongly signed, expired or meant for someone else.
 */
export async function verifyInternalIdentity(
  token: string,
  secret: string,
): Promise<{ viewer: Viewer; expiresAt: number }> {
  const { payload } = await jwtVerify<{ segment?: unknown; roles?: unknown }>(token, key(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ALGORITHMS,
    requiredClaims: ['sub', 'exp'],
  });
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role) => typeof role === 'string') : [];
  return {
    viewer: {
      customerId: payload.sub!,
      segment: typeof payload.segment === 'string' ? payload.segment : null,
      roles,
    },
    expiresAt: payload.exp! * 1000,
  };
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
