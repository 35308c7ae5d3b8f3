import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ErrorCode } from '../../contracts/errors.js';
import { DEVELOPMENT_AUTH_SECRET } from '../config.js';
import { bearerToken, createTokenVerifier, signIdentityToken } from '../identity.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

describe('createTokenVerifier with a JWKS URL', () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let jwksUrl: string;
  let first: KeyPair;
  let second: KeyPair;
  const claims = { issuer: 'https://id.example.test', audience: 'commerce-storefront' };

  beforeAll(async () => {
    [first, second] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const publish = async (...pairs: [KeyPair, string][]) => {
    published = await Promise.all(
      pairs.map(async ([pair, kid]) => ({
        ...(await exportJWK(pair.publicKey)),
        kid,
        alg: 'RS256',
        use: 'sig',
      })),
    );
  };
  const sign = (pair: KeyPair, kid: string, subject = '42') =>
    new SignJWT({ segment: 'vip', roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(subject)
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setExpirationTime('5m')
      .sign(pair.privateKey);

  it('accepts a token signed by a published key and reads its claims', async () => {
    await publish([first, 'key-1']);
    const verify = createTokenVerifier(
      { secret: 'unused'.repeat(8), ...claims, jwksUrl },
      { jwksCooldownMs: 0 },
    );
    expect(await verify(`Bearer ${await sign(first, 'key-1')}`)).toEqual({
      customerId: '42',
      segment: 'vip',
      roles: ['admin'],
    });
  });

  it('follows a key rotation: fetches the JWKS again for a new key id, and drops the retired key', async () => {
    await publish([first, 'key-1']);
    const verify = createTokenVerifier(
      { secret: 'unused'.repeat(8), ...claims, jwksUrl },
      { jwksCooldownMs: 0 },
    );
    await verify(`Bearer ${await sign(first, 'key-1')}`);
    const before = fetches;
    await publish([second, 'key-2']);
    expect((await verify(`Bearer ${await sign(second, 'key-2', '7')}`))?.customerId).toBe('7');
    expect(fetches).toBeGreaterThan(before);
    await expect(verify(`Bearer ${await sign(first, 'key-1')}`)).rejects.toMatchObject({
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
    });
  });

  it('refuses an HS256 token signed with the development secret once a JWKS is configured', async () => {
    await publish([first, 'key-1']);
    const secret = 'development-only-secret-do-not-use-in-production';
    const verify = createTokenVerifier({ secret, ...claims, jwksUrl }, { jwksCooldownMs: 0 });
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer(claims.issuer)
      .setAudience(claims.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({
      extensions: { code: ErrorCode.Unauthenticated },
    });
  });
});

describe('bearerToken', () => {
  it('reads the token whatever the case of the scheme and however many spaces follow it', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      expect(bearerToken(`${scheme} abc.DEF-1_2`)).toBe('abc.DEF-1_2');
    }
    expect(bearerToken('Bearer   abc')).toBe('abc');
  });

  it('accepts every token68 character, padding included', () => {
    expect(bearerToken('Bearer aZ09-._~+/==')).toBe('aZ09-._~+/==');
  });

  it('refuses another scheme, a missing token, a tab, parameters or characters outside token68', () => {
    for (const header of [
      'Basic YWRtaW46YWRtaW4=',
      'Bearer',
      'Bearer ',
      'Bearerabc',
      'Bearer\tabc',
      'Bearer realm="x"',
      'Bearer a b',
      'Bearer a=b',
      'Bearer a,b',
    ]) {
      expect(bearerToken(header)).toBeUndefined();
    }
  });
});

describe('createTokenVerifier with the shared secret', () => {
  const auth = {
    secret: DEVELOPMENT_AUTH_SECRET,
    issuer: 'commerce-gateway',
    audience: 'commerce-storefront',
  };

  it('accepts a lower-case bearer scheme (RFC 7235: schemes are case-insensitive)', async () => {
    const verify = createTokenVerifier(auth);
    const token = await signIdentityToken('3', { segment: 'vip' }, auth);
    expect(await verify(`bearer ${token}`)).toEqual({ customerId: '3', segment: 'vip', roles: [] });
    expect(await verify(`BEARER  ${token}`)).toEqual({ customerId: '3', segment: 'vip', roles: [] });
  });

  it('refuses another scheme with 401 UNAUTHENTICATED', async () => {
    const verify = createTokenVerifier(auth);
    await expect(verify('Basic YWRtaW46YWRtaW4=')).rejects.toMatchObject({
      message: 'The Authorization header must be "Bearer <token>".',
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
    });
  });
});
