import { jwtVerify } from 'jose';
import { signInternalIdentity } from '../../contracts/internalIdentity.js';

/** Where a peer gateway finds the secrets this gateway is configured with (`AUTH_SECRET`, `INTERNAL_AUTH_SECRET`). */
export interface PeerIdentityOptions {
  authSecret: string;
  internalAuthSecret: string;
  issuer?: string;
  audience?: string;
}

/**
 * The one hook a peer gateway needs to serve signed-in pages: the subgraphs believe only a signed identity header
 * (contracts/internalIdentity.ts), so the peer verifies the caller's bearer token as this gateway does and signs the
 * same identity. Returns undefined for an anonymous or invalid caller (the subgraphs then answer anonymously).
 */
export function createPeerIdentity(
  options: PeerIdentityOptions,
): (authorization: string | null | undefined) => Promise<string | undefined> {
  const key = new TextEncoder().encode(options.authSecret);
  const checks = {
    issuer: options.issuer ?? 'commerce-gateway',
    audience: options.audience ?? 'commerce-storefront',
    algorithms: ['HS256'],
  };
  return async (authorization) => {
    const token = /^bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, key, checks);
      if (!payload.sub) return undefined;
      const segment = typeof payload['segment'] === 'string' ? payload['segment'] : null;
      const roles = Array.isArray(payload['roles'])
        ? payload['roles'].filter((r) => typeof r === 'string')
        : [];
      return await signInternalIdentity(
        { customerId: payload.sub, segment, roles },
        options.internalAuthSecret,
      );
    } catch {
      return undefined;
    }
  };
}
