import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
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

/** Verifies an `Authorization` header; `null` for an anonymous request. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

export interface TokenVerifierOptions {
  /** Least time between two JWKS downloads, in ms; a token with an unknown key id triggers one. Default 30,000. */
  jwksCooldownMs?: number;
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * Verifies bearer tokens: HS256 with the shared secret, or, when `auth.jwksUrl` is set, against the identity
 * provider's JWKS (fetched and cached by `jose`, and fetched again when a token names a key it has not seen, which
 * is how keys rotate). Issuer, audience and expiry are always checked. No header means an anonymous request; a
 * header that is present but invalid, expired or wrongly signed is an error, never anonymous access.
 */
export function createTokenVerifier(
  auth: GatewayConfig['auth'],
  options: TokenVerifierOptions = {},
): TokenVerifier {
  const checks = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['sub', 'exp'] };
  const verify = auth.jwksUrl
    ? verifyWithKeySet(
        createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: options.jwksCooldownMs ?? 30_000 }),
        checks,
      )
    : verifyWithSecret(secretKey(requireSecret(auth)), checks);

  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const token = bearerToken(authorization);
    if (!token) throw new InvalidTokenError('The Authorization header must be "Bearer <token>".');
    try {
      const { payload } = await verify(token);
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
      if (error instanceof joseErrors.JWTExpired)
        throw new InvalidTokenError('The access token has expired.');
      throw new InvalidTokenError();
    }
  };
}

/**
 * The token of a `Bearer` credential (RFC 6750 section 2.1 in the syntax of RFC 7235 section 2.1): the scheme in
 * any case, one or more spaces, then a token68. Anything else (another scheme, no token, a parameter list) is
 * undefined.
 */
export function bearerToken(authorization: string): string | undefined {
  return /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization)?.[1];
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
    .sign(secretKey(requireSecret(auth)));
}

type Checks = Pick<JWTVerifyOptions, 'issuer' | 'audience' | 'requiredClaims'>;
type Verify = (token: string) => Promise<JWTVerifyResult<IdentityClaims>>;

function verifyWithKeySet(keys: ReturnType<typeof createRemoteJWKSet>, checks: Checks): Verify {
  return (token) => jwtVerify<IdentityClaims>(token, keys, { ...checks, algorithms: ASYMMETRIC_ALGORITHMS });
}

function verifyWithSecret(key: Uint8Array, checks: Checks): Verify {
  return (token) => jwtVerify<IdentityClaims>(token, key, { ...checks, algorithms: ['HS256'] });
}

/** The HS256 key; `loadConfig` guarantees one unless a JWKS verifies tokens instead. */
function requireSecret(auth: GatewayConfig['auth']): string {
  if (auth.secret === undefined) {
    throw new Error(
      'No AUTH_SECRET to sign or verify HS256 tokens with: tokens come from the identity provider at AUTH_JWKS_URL',
    );
  }
  return auth.secret;
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
