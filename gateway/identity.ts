import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Viewer } from '../contracts/requestContext.js';
import type { GatewayConfig } from './config.js';
import { InvalidTokenError } from './errors.js';

/** Claims this gateway reads from an access token besides `sub`. */
export interface IdentityClaims {
  /** Marketing segment used for personalisation. */
  segment?: string;
  /** Roles such as `admin`. */
  roles?: string[];
}

const ALGORITHMS = ['HS256'];

/**
 * Verifies the bearer token of an `Authorization` header and returns the viewer it names. No header means an
 * anonymous request (`null`); a header that is present but invalid, expired or wrongly signed is an error, never
 * anonymous access.
 */
export async function verifyIdentity(
  authorization: string | undefined,
  auth: GatewayConfig['auth'],
): Promise<Viewer | null> {
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
  if (!match?.[1]) throw new InvalidTokenError('The Authorization header must be "Bearer <token>".');
  try {
    const { payload } = await jwtVerify<IdentityClaims>(match[1], secretKey(auth.secret), {
      issuer: auth.issuer,
      audience: auth.audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
    });
    if (!payload.sub || !/^[A-Za-z0-9_-]{1,64}$/.test(payload.sub)) throw new InvalidTokenError();
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((role) => typeof role === 'string')
      : [];
    return {
      customerId: payload.sub,
      segment: typeof payload.segment === 'string' ? payload.segment : null,
      roles,
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('The access token has expired.');
    throw new InvalidTokenError();
  }
}

/** Signs an access token this gateway accepts; for development tools and tests. */
export function signIdentityToken(
  subject: string,
  claims: IdentityClaims,
  auth: GatewayConfig['auth'],
  expiresIn: string | number = '1h',
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secretKey(auth.secret));
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
