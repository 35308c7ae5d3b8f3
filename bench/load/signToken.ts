import { SignJWT } from 'jose';

/** What the gateway verifies bearer tokens against: its `AUTH_SECRET`, `AUTH_ISSUER` and `AUTH_AUDIENCE`. */
export interface TokenIssuer {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * A bearer token for a seeded customer, as the identity provider in front of the storefront issues them (HS256,
 * `sub`, `segment`, `roles`): the same claims `npm run token` signs, valid for 12 hours.
 */
export function signToken(customerId: number, segment: string, issuer: TokenIssuer): Promise<string> {
  return new SignJWT({ segment, roles: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(customerId))
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(issuer.secret));
}
