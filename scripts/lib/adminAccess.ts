import { readInteger } from '../../contracts/env.js';
import { loadConfig } from '../../gateway/config.js';
import { bearerToken, signIdentityToken } from '../../gateway/identity.js';

/** Where an operator tool reaches the gateway's admin endpoints, and the credential it sends. */
export interface AdminAccess {
  /** The gateway's origin: `--url`, else `http://127.0.0.1:<GATEWAY_PORT>` (default 4000). */
  base: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/**
 * How `npm run cache` authenticates, from its environment:
 * - `ADMIN_TOKEN`, when set, is sent as is: an access token with the `admin` role, issued by the identity provider.
 *   It is the only way when the gateway verifies tokens with `AUTH_JWKS_URL`, since only the provider can sign them.
 * - Otherwise a five-minute HS256 token is signed with the gateway's `AUTH_SECRET` (the development key by default).
 *
 * Throws, naming `ADMIN_TOKEN`, when `AUTH_JWKS_URL` is set and `ADMIN_TOKEN` is not, or when it is not a token.
 */
export async function adminAccess(env: NodeJS.ProcessEnv, url?: string): Promise<AdminAccess> {
  const base = url ?? `http://127.0.0.1:${readInteger(env, 'GATEWAY_PORT', 4000, 0, 65535)}`;
  const given = env['ADMIN_TOKEN'];
  if (given) {
    // The value is a credential: name the variable, never echo it.
    if (!bearerToken(`Bearer ${given}`))
      throw new Error('ADMIN_TOKEN is not a token; set it to the JWT alone');
    return { base, authorization: `Bearer ${given}` };
  }
  if (env['AUTH_JWKS_URL']) {
    throw new Error(
      'AUTH_JWKS_URL is set, so the gateway accepts only tokens from the identity provider: set ADMIN_TOKEN to an ' +
        'access token with the admin role',
    );
  }
  const token = await signIdentityToken('cache-cli', { roles: ['admin'] }, loadConfig(env).auth, '5m');
  return { base, authorization: `Bearer ${token}` };
}
