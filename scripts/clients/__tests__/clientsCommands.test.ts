import { jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_INTERNAL_SECRET } from '../../../contracts/internalIdentity.js';
import {
  serveTestSubgraph,
  type TestSubgraph,
} from '../../../registry/__tests__/support/serveTestSubgraph.js';
import {
  startTestRegistry,
  TEST_TOKENS,
  type TestRegistry,
} from '../../../registry/__tests__/support/startTestRegistry.js';
import type { ClientKeysAnswer } from '../../../registry/RegistryApi.js';
import { loadSchemaConfig } from '../../schema/config.js';
import { publish } from '../../schema/publish.js';
import { CannotRun, type SchemaCommand } from '../../schema/SchemaCommand.js';
import { create } from '../create.js';
import { list } from '../list.js';
import { revoke } from '../revoke.js';
import { parseOverlap, rotate } from '../rotate.js';

const PRODUCTS = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! name: String }`;
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

describe('npm run clients -- create | list | rotate | revoke, against a registry', () => {
  let registry: TestRegistry;
  let products: TestSubgraph;
  let root: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `command` as `npm run clients` would: its exit code and what it printed. */
  async function run(command: SchemaCommand, ...argv: string[]) {
    const out: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      return { code: await command.run(argv, loadSchemaConfig(env, root)), out: out.join('\n'), err: '' };
    } catch (error) {
      if (error instanceof CannotRun) return { code: 2, out: out.join('\n'), err: error.message };
      throw error;
    } finally {
      log.mockRestore();
    }
  }
  const liveKeys = async (name: string) => {
    const { body } = await registry.request('GET', '/clients/keys', { token: TEST_TOKENS.read });
    return (body as ClientKeysAnswer).clients
      .find((client) => client.name === name)
      ?.keys.map((key) => key.sha256);
  };
  const printedKey = (out: string) => /^ {2}([A-Za-z0-9_-]{43})$/m.exec(out)?.[1];

  beforeAll(async () => {
    [registry, products] = await Promise.all([
      startTestRegistry(),
      serveTestSubgraph(PRODUCTS, DEVELOPMENT_INTERNAL_SECRET),
    ]);
    // A repository of its own for publish --all: one subgraph, no page operations, one open client.
    root = await mkdtemp(path.join(tmpdir(), 'clients-commands-'));
    await mkdir(path.join(root, 'schema', 'operations'), { recursive: true });
    await writeFile(path.join(root, 'products.graphql'), PRODUCTS);
    await writeFile(
      path.join(root, 'supergraph.yaml'),
      `subgraphs:\n  products:\n    routing_url: ${products.url}\n    schema:\n      file: ./products.graphql\n`,
    );
    await writeFile(
      path.join(root, 'clients.json'),
      JSON.stringify([
        {
          name: 'storefront-dev',
          apiKeySha256: sha256('dev-storefront-key'),
          policy: 'open',
          keyKind: 'public',
        },
      ]),
    );
    env = { REGISTRY_URL: registry.url, REGISTRY_TOKEN: TEST_TOKENS.admin, CLIENTS_PATH: 'clients.json' };
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), products?.close()]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates a client and prints its key once; the registry holds only its digest', async () => {
    const created = await run(create, 'partner-x', '--kind', 'secret', '--policy', 'persisted-only');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Created client partner-x (secret key, persisted-only).');
    const key = printedKey(created.out)!;
    expect(await liveKeys('partner-x')).toEqual([sha256(key)]);
  });

  it('exits 1 for a taken name and 2 for a missing or bad --kind or --policy', async () => {
    const taken = await run(create, 'partner-x', '--kind', 'public', '--policy', 'open');
    expect(taken.code).toBe(1);
    expect(taken.out).toBe('Refused (CLIENT_EXISTS): There is a client partner-x already');
    const noKind = await run(create, 'partner-y', '--policy', 'open');
    expect(noKind).toMatchObject({
      code: 2,
      err: expect.stringContaining('--kind must be one of public, secret'),
    });
    const badPolicy = await run(create, 'partner-y', '--kind', 'secret', '--policy', 'all');
    expect(badPolicy).toMatchObject({ code: 2, err: expect.stringContaining('--policy must be one of') });
  });

  it('rotates with an overlap (old and new keys live), then with --overlap 0 (only the new one)', async () => {
    const [before] = (await liveKeys('partner-x'))!;
    const rotated = await run(rotate, 'partner-x', '--overlap', '1h');
    expect(rotated.code).toBe(0);
    const second = printedKey(rotated.out)!;
    expect(await liveKeys('partner-x')).toEqual([before, sha256(second)]);
    const now = await run(rotate, 'partner-x', '--overlap', '0');
    expect(await liveKeys('partner-x')).toEqual([sha256(printedKey(now.out)!)]);
  });

  it('lists clients with their live keys, never a key or a digest', async () => {
    const listed = await run(list);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^name +kind +policy +created \(UTC\) +live keys +expiring$/m);
    expect(listed.out).toMatch(/^partner-x +secret +persisted-only +\S+ \S+ +1 of 3$/m);
    for (const digest of (await liveKeys('partner-x'))!) expect(listed.out).not.toContain(digest);
  });

  it('revokes every key of a client; the client stays listed with none live', async () => {
    const revoked = await run(revoke, 'partner-x');
    expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining('Revoked 3 key(s) of partner-x') });
    expect(await liveKeys('partner-x')).toEqual([]);
    expect((await run(list)).out).toMatch(/^partner-x .* 0 of 3/m);
  });

  it('exits 1 for rotating or revoking a client nobody created, 2 without a registry', async () => {
    for (const command of [rotate, revoke]) {
      const unknown = await run(command, 'nobody');
      expect(unknown).toMatchObject({
        code: 1,
        out: 'Refused (CLIENT_NOT_FOUND): There is no client nobody',
      });
    }
    const saved = env;
    env = { CLIENTS_PATH: 'clients.json' };
    try {
      expect(await run(list)).toMatchObject({ code: 2, err: expect.stringContaining('set REGISTRY_URL') });
    } finally {
      env = saved;
    }
  });

  it('publish --all seeds the clients file by digest, and leaves a client it already has as it is', async () => {
    const seeded = await run(publish, '--all', '--author', 'ada', '--commit', 'abc');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('Created client storefront-dev.');
    expect(await liveKeys('storefront-dev')).toEqual([sha256('dev-storefront-key')]);
    await run(rotate, 'storefront-dev', '--overlap', '0');
    const again = await run(publish, '--all', '--author', 'ada', '--commit', 'abc');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Client storefront-dev exists; left as it is.');
    expect(await liveKeys('storefront-dev')).not.toContain(sha256('dev-storefront-key'));
  });
});

describe('parseOverlap', () => {
  it('reads seconds, and numbers with s, m, h or d', () => {
    expect([parseOverlap('0'), parseOverlap('90'), parseOverlap('90s'), parseOverlap('30m')]).toEqual([
      0, 90, 90, 1800,
    ]);
    expect([parseOverlap('1h'), parseOverlap('2d')]).toEqual([3600, 172_800]);
  });

  it('refuses anything else, naming the value', () => {
    for (const raw of ['-1', '1.5h', '1w', 'soon', '']) {
      expect(() => parseOverlap(raw)).toThrow(`--overlap is "${raw}"`);
    }
  });
});
