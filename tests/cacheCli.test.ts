import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startStack, type Stack } from './support/stack.js';

/** Runs `npm run cache` (its script, with tsx) with `args` and exactly `env`; resolves with its exit code and output. */
function cacheCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/cache.ts', ...args],
      { env: { PATH: process.env['PATH'], ...env } },
      (error, stdout, stderr) =>
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    );
  });
}

describe('npm run cache against a gateway that verifies tokens with a JWKS', () => {
  let stack: Stack;
  let jwks: Server;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const keys = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(keys));
    });
    jwks.listen(0, '127.0.0.1');
    await once(jwks, 'listening');
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    stack = await startStack({ AUTH_JWKS_URL: jwksUrl });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const adminToken = (roles: string[]) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('ops-1')
      .setIssuer(stack.config.auth.issuer)
      .setAudience(stack.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('reads the cache counters with the admin token the identity provider issued (ADMIN_TOKEN)', async () => {
    const env = { AUTH_JWKS_URL: stack.config.auth.jwksUrl, ADMIN_TOKEN: await adminToken(['admin']) };
    const run = await cacheCli(['stats', '--url', new URL(stack.url).origin], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ entity: { hit: expect.any(Number) } });
  }, 60_000);

  it('purges with that token, and is refused (exit 1) with a token that lacks the admin role', async () => {
    const origin = new URL(stack.url).origin;
    const purge = await cacheCli(['purge', '--tag', 'Product:1', '--url', origin], {
      AUTH_JWKS_URL: stack.config.auth.jwksUrl,
      ADMIN_TOKEN: await adminToken(['admin']),
    });
    expect(purge.code).toBe(0);
    const refused = await cacheCli(['stats', '--url', origin], {
      AUTH_JWKS_URL: stack.config.auth.jwksUrl,
      ADMIN_TOKEN: await adminToken([]),
    });
    expect(refused.code).toBe(1);
  }, 60_000);

  it('says to set ADMIN_TOKEN, and exits 2, when a JWKS is configured and no token is given', async () => {
    const run = await cacheCli(['stats', '--url', new URL(stack.url).origin], {
      AUTH_JWKS_URL: stack.config.auth.jwksUrl,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ADMIN_TOKEN');
  }, 60_000);
});
