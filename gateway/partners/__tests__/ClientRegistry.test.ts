import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientRegistry, loadClientRegistry } from '../ClientRegistry.js';
import { UnknownApiKeyError } from '../errors.js';
import { loadPartnersConfig } from '../loadPartnersConfig.js';
import { identifyCaller } from '../PartnerContext.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const committed = path.join(root, 'config', 'clients.json');
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('loadClientRegistry', () => {
  it('recognises the development keys of the committed registry', async () => {
    const registry = await loadClientRegistry(committed);
    expect(registry.identify('dev-storefront-key')).toEqual({
      kind: 'client',
      client: { name: 'storefront-dev', policy: 'open', keyKind: 'public' },
    });
    expect(registry.identify('dev-partner-key')).toEqual({
      kind: 'client',
      client: { name: 'partner-dev', policy: 'persisted-only', keyKind: 'secret' },
    });
  });

  it('treats a wrong key as unknown and a missing or empty key as anonymous', async () => {
    const registry = await loadClientRegistry(committed);
    expect(registry.identify('dev-partner-key ')).toEqual({ kind: 'unknown' });
    expect(registry.identify('6d3f12bf21b1659b487e01cb811640b5279d34a8a0675ca88c93f0ccfa7ae8dc')).toEqual({
      kind: 'unknown',
    });
    expect(registry.identify(undefined)).toEqual({ kind: 'anonymous' });
    expect(registry.identify('')).toEqual({ kind: 'anonymous' });
  });

  it('keeps only hashes: the committed file holds no key in clear', async () => {
    const text = await readFile(committed, 'utf8');
    expect(text).not.toContain('dev-storefront-key');
    expect(text).not.toContain('dev-partner-key');
    expect(text).toContain(
      '"apiKeySha256": "6d3f12bf21b1659b487e01cb811640b5279d34a8a0675ca88c93f0ccfa7ae8dc"',
    );
  });

  it.each([
    [
      'an unknown policy',
      [
        { name: 'a', apiKeySha256: HASH_A, policy: 'open', keyKind: 'public' },
        { name: 'b', apiKeySha256: HASH_B, policy: 'closed', keyKind: 'public' },
      ],
      'clients[1].policy is "closed"; use one of open, persisted-only',
    ],
    [
      'a hash that is not 64 lowercase hex characters',
      [{ name: 'a', apiKeySha256: 'dev-partner-key', policy: 'open', keyKind: 'public' }],
      'clients[0].apiKeySha256 must be the SHA-256 of the key as 64 lowercase hex characters',
    ],
    [
      'a name used twice',
      [
        { name: 'a', apiKeySha256: HASH_A, policy: 'open', keyKind: 'public' },
        { name: 'a', apiKeySha256: HASH_B, policy: 'open', keyKind: 'public' },
      ],
      'clients[1].name "a" is used by an earlier client',
    ],
    [
      'a key used twice',
      [
        { name: 'a', apiKeySha256: HASH_A, policy: 'open', keyKind: 'public' },
        { name: 'b', apiKeySha256: HASH_A, policy: 'open', keyKind: 'public' },
      ],
      'clients[1].apiKeySha256 is used by an earlier client',
    ],
    [
      'a missing name',
      [{ apiKeySha256: HASH_A, policy: 'open', keyKind: 'public' }],
      'clients[0].name must be a non-empty string',
    ],
    [
      'a misspelt field',
      [{ name: 'a', apiKeySha256: HASH_A, polcy: 'open', keyKind: 'public' }],
      'clients[0] has unknown field "polcy"; use name, apiKeySha256, policy, keyKind',
    ],
    [
      'a missing key kind',
      [{ name: 'a', apiKeySha256: HASH_A, policy: 'open' }],
      'clients[0].keyKind is undefined; use one of public, secret',
    ],
    [
      'an unknown key kind',
      [{ name: 'a', apiKeySha256: HASH_A, policy: 'open', keyKind: 'private' }],
      'clients[0].keyKind is "private"; use one of public, secret',
    ],
  ])('rejects %s, naming the entry and the field', async (_case, clients, message) => {
    const file = await registryFile(clients);
    await expect(loadClientRegistry(file)).rejects.toThrow(`${file}: ${message}`);
  });

  it('rejects a file that is not an array', async () => {
    const file = await registryFile({ clients: [] });
    await expect(loadClientRegistry(file)).rejects.toThrow(`${file}: expected an array of clients`);
  });
});

describe('identifyCaller', () => {
  it('gives the registered client for its x-api-key, and null without a key', async () => {
    const registry = await loadClientRegistry(committed);
    expect(
      identifyCaller(registry, (name) => (name === 'x-api-key' ? 'dev-partner-key' : undefined)),
    ).toEqual({
      client: { name: 'partner-dev', policy: 'persisted-only', keyKind: 'secret' },
    });
    expect(identifyCaller(registry, () => undefined)).toEqual({ client: null });
  });

  it('throws a 401 UNAUTHENTICATED error for an unknown key', async () => {
    const registry = await loadClientRegistry(committed);
    let thrown: unknown;
    try {
      identifyCaller(registry, () => 'guessed-key');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownApiKeyError);
    expect((thrown as UnknownApiKeyError).message).toBe('The API key is not recognised.');
    expect((thrown as UnknownApiKeyError).extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
  });
});

describe('loadPartnersConfig', () => {
  it('uses the documented defaults, resolved against the root', () => {
    expect(loadPartnersConfig({}, '/srv/app')).toEqual({
      clientsPath: '/srv/app/config/clients.json',
      manifestPath: '/srv/app/schema/persisted-query-manifest.json',
    });
  });

  it('reads CLIENTS_PATH and PERSISTED_QUERY_MANIFEST_PATH', () => {
    const env = { CLIENTS_PATH: 'secrets/clients.json', PERSISTED_QUERY_MANIFEST_PATH: '/etc/pq.json' };
    expect(loadPartnersConfig(env, '/srv/app')).toEqual({
      clientsPath: '/srv/app/secrets/clients.json',
      manifestPath: '/etc/pq.json',
    });
  });
});

async function registryFile(content: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'clients-')), 'clients.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('ClientRegistry with key expiries', () => {
  const digest = (key: string) => createHash('sha256').update(key).digest('hex');
  const partner = { name: 'partner-x', policy: 'open', keyKind: 'secret' } as const;

  it('refuses a key from its expiresAt on, by its clock, and keeps a key without one', () => {
    let now = 1_000;
    const registry = new ClientRegistry(
      [
        { ...partner, apiKeySha256: digest('old'), expiresAt: 2_000 },
        { ...partner, apiKeySha256: digest('new'), expiresAt: null },
      ],
      () => now,
    );
    expect(registry.identify('old')).toEqual({ kind: 'client', client: partner });
    now = 2_000;
    expect(registry.identify('old')).toEqual({ kind: 'unknown' });
    expect(registry.identify('new')).toEqual({ kind: 'client', client: partner });
  });

  it('lists a client with two keys once', () => {
    const registry = new ClientRegistry([
      { ...partner, apiKeySha256: digest('old'), expiresAt: 2_000 },
      { ...partner, apiKeySha256: digest('new') },
    ]);
    expect(registry.clients).toEqual([partner]);
  });
});
