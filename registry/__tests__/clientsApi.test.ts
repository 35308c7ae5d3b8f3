import { createHash } from 'node:crypto';
import { startTestRegistry, TEST_TOKENS, type TestRegistry } from './support/startTestRegistry.js';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
type KeysAnswer = {
  clients: {
    name: string;
    kind: string;
    policy: string;
    keys: { sha256: string; expiresAt: string | null }[];
  }[];
};

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

describe('registry clients API', () => {
  let registry: TestRegistry;
  const create = (body: unknown, token?: string) =>
    registry.request('POST', '/clients', { body, ...(token ? { token } : {}) });
  const liveKeys = async (name: string) => {
    const { body } = await registry.request('GET', '/clients/keys', { token: TEST_TOKENS.read });
    return (body as KeysAnswer).clients.find((client) => client.name === name)?.keys.map((key) => key.sha256);
  };

  beforeAll(async () => {
    registry = await startTestRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('creates a client with a fresh key shown once, and gateways see only its digest', async () => {
    const created = await create({ name: 'partner-x', kind: 'secret', policy: 'persisted-only' });
    expect(created.status).toBe(201);
    const { key, ...client } = created.body as { key: string };
    expect(client).toEqual({ name: 'partner-x', kind: 'secret', policy: 'persisted-only' });
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const keys = await registry.request('GET', '/clients/keys', { token: TEST_TOKENS.read });
    expect(keys.body).toEqual({
      clients: [
        {
          name: 'partner-x',
          kind: 'secret',
          policy: 'persisted-only',
          keys: [{ sha256: sha256(key), expiresAt: null }],
        },
      ],
    });
    expect(keys.text).not.toContain(key);
    const listed = await registry.request('GET', '/clients');
    expect(listed.text).not.toContain(sha256(key));
    expect(listed.body).toEqual({
      clients: [
        expect.objectContaining({
          name: 'partner-x',
          keys: [expect.objectContaining({ expiresAt: null, revokedAt: null, live: true })],
        }),
      ],
    });
  });

  it('answers CLIENT_EXISTS for a taken name and BAD_REQUEST naming a bad field', async () => {
    const taken = await create({ name: 'partner-x', kind: 'public', policy: 'open' });
    expect(taken.status).toBe(409);
    expect((taken.body as Json).error?.code).toBe('CLIENT_EXISTS');
    for (const [body, field] of [
      [{ name: 'partner-z', kind: 'shared', policy: 'open' }, 'kind'],
      [{ name: 'partner-z', kind: 'public', policy: 'anything' }, 'policy'],
      [{ name: '1 bad', kind: 'public', policy: 'open' }, 'name'],
      [{ name: 'partner-z', kind: 'public', policy: 'open', apiKeySha256: 'abc' }, 'apiKeySha256'],
    ] as const) {
      const refused = await create(body);
      expect(refused.status).toBe(400);
      expect((refused.body as Json).error).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(field),
      });
    }
  });

  it('creates a client by a digest it already has, without making a key', async () => {
    const created = await create({
      name: 'storefront-dev',
      kind: 'public',
      policy: 'open',
      apiKeySha256: sha256('k'),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: 'storefront-dev', kind: 'public', policy: 'open' });
    expect(await liveKeys('storefront-dev')).toEqual([sha256('k')]);
    const again = await create({ name: 'other', kind: 'public', policy: 'open', apiKeySha256: sha256('k') });
    expect(again.status).toBe(400);
  });

  it('rotates with an overlap (both keys live), then with none (only the newest)', async () => {
    const { key: first } = (await create({ name: 'partner-r', kind: 'secret', policy: 'open' })).body as {
      key: string;
    };
    const rotated = await registry.request('POST', '/clients/partner-r/keys', {
      body: { overlapSeconds: 3600 },
    });
    expect(rotated.status).toBe(201);
    const { key: second, previousKeysExpireAt } = rotated.body as {
      key: string;
      previousKeysExpireAt: string;
    };
    expect(Date.parse(previousKeysExpireAt)).toBeGreaterThan(Date.now() + 3000_000);
    expect(await liveKeys('partner-r')).toEqual([sha256(first), sha256(second)]);
    const now = await registry.request('POST', '/clients/partner-r/keys', { body: { overlapSeconds: 0 } });
    expect(await liveKeys('partner-r')).toEqual([sha256((now.body as { key: string }).key)]);
  });

  it('rotates with a one-day overlap when the body names none', async () => {
    await create({ name: 'partner-d', kind: 'secret', policy: 'open' });
    const rotated = await registry.request('POST', '/clients/partner-d/keys', { body: {} });
    const expires = Date.parse((rotated.body as { previousKeysExpireAt: string }).previousKeysExpireAt);
    expect(expires).toBeGreaterThan(Date.now() + 86_400_000 - 60_000);
    expect(expires).toBeLessThan(Date.now() + 86_400_000 + 60_000);
    const bad = await registry.request('POST', '/clients/partner-d/keys', { body: { overlapSeconds: -1 } });
    expect((bad.body as Json).error?.code).toBe('BAD_REQUEST');
  });

  it('revokes every key of a client at once; the client stays listed', async () => {
    await create({ name: 'partner-v', kind: 'secret', policy: 'open' });
    await registry.request('POST', '/clients/partner-v/keys', { body: { overlapSeconds: 3600 } });
    const revoked = await registry.request('POST', '/clients/partner-v/revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ name: 'partner-v', revokedKeys: 2 });
    expect(await liveKeys('partner-v')).toEqual([]);
    const listed = (await registry.request('GET', '/clients')).body as {
      clients: { name: string; keys: { live: boolean }[] }[];
    };
    expect(listed.clients.find((client) => client.name === 'partner-v')?.keys).toEqual([
      expect.objectContaining({ live: false }),
      expect.objectContaining({ live: false }),
    ]);
  });

  it('answers CLIENT_NOT_FOUND for rotating or revoking a client nobody created', async () => {
    for (const path of ['/clients/nobody/keys', '/clients/nobody/revoke']) {
      const response = await registry.request('POST', path, { body: {} });
      expect(response.status).toBe(404);
      expect((response.body as Json).error?.code).toBe('CLIENT_NOT_FOUND');
    }
  });

  it('serves the live keys with an ETag: 304 until a key changes', async () => {
    const first = await registry.request('GET', '/clients/keys', { token: TEST_TOKENS.read });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const same = await registry.request('GET', '/clients/keys', {
      token: TEST_TOKENS.read,
      headers: { 'if-none-match': etag },
    });
    expect(same.status).toBe(304);
    await registry.request('POST', '/clients/partner-x/revoke');
    const changed = await registry.request('GET', '/clients/keys', {
      token: TEST_TOKENS.read,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('lets only the admin token create, list, rotate and revoke; any token read the live keys', async () => {
    for (const token of [TEST_TOKENS.read, TEST_TOKENS.products]) {
      const calls = [
        registry.request('POST', '/clients', {
          token,
          body: { name: 'sneaky', kind: 'secret', policy: 'open' },
        }),
        registry.request('GET', '/clients', { token }),
        registry.request('POST', '/clients/partner-x/keys', { token, body: {} }),
        registry.request('POST', '/clients/partner-x/revoke', { token }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(403);
        expect((response.body as Json).error?.code).toBe('FORBIDDEN');
      }
      expect((await registry.request('GET', '/clients/keys', { token })).status).toBe(200);
    }
    expect((await registry.request('GET', '/clients/keys', { token: null })).status).toBe(401);
  });
});
