import { describeEachDatabase, type TestDatabase } from '../../subgraphs/shared/testing/testDatabases.js';
import { clientKeyDigest } from '../clients/clientKeys.js';
import { ClientStore } from '../store/ClientStore.js';
import { RegistryStore } from '../store/RegistryStore.js';

const digest = (key: string) => clientKeyDigest(key);
const partner = { name: 'partner-x', kind: 'secret', policy: 'persisted-only' } as const;

describeEachDatabase('ClientStore', (target) => {
  let handle: TestDatabase;
  let clients: ClientStore;
  const liveDigests = async (name = 'partner-x') =>
    (await clients.liveKeys()).find((client) => client.name === name)?.keys.map((key) => key.sha256);

  beforeAll(async () => {
    handle = await target.open();
  });
  beforeEach(async () => {
    await handle.db.exec('DROP SCHEMA IF EXISTS registry CASCADE');
    await RegistryStore.open(handle.db);
    clients = new ClientStore(handle.db);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('creates a client with one key kept as its digest, and refuses a taken name or a taken key', async () => {
    expect(await clients.create(partner, digest('key-1'))).toBe('created');
    expect(await clients.create({ ...partner, kind: 'public' }, digest('key-2'))).toBe('name-taken');
    expect(await clients.create({ ...partner, name: 'partner-y' }, digest('key-1'))).toBe('key-taken');
    // Seeding again by the same digest: the name is what is taken.
    expect(await clients.create(partner, digest('key-1'))).toBe('name-taken');
    expect(await clients.liveKeys()).toEqual([
      { ...partner, keys: [{ sha256: digest('key-1'), expiresAt: null }] },
    ]);
    const stored = await handle.db.query<{ sha256: string }>('SELECT sha256 FROM registry.client_keys');
    expect(stored).toEqual([{ sha256: digest('key-1') }]);
  });

  it('rotates: the earlier key expires after the overlap and stays live until then', async () => {
    await clients.create(partner, digest('key-1'));
    const before = Date.now();
    const rotated = await clients.rotate('partner-x', digest('key-2'), 3600);
    expect(rotated!.previousExpireAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 5_000);
    const [client] = await clients.liveKeys();
    expect(client!.keys).toEqual([
      { sha256: digest('key-1'), expiresAt: rotated!.previousExpireAt },
      { sha256: digest('key-2'), expiresAt: null },
    ]);
  });

  it('rotates with no overlap: only the new key stays live', async () => {
    await clients.create(partner, digest('key-1'));
    await clients.rotate('partner-x', digest('key-2'), 3600);
    await clients.rotate('partner-x', digest('key-3'), 0);
    expect(await liveDigests()).toEqual([digest('key-3')]);
    const [listed] = await clients.list();
    expect(listed!.keys.map((key) => key.live)).toEqual([false, false, true]);
  });

  it('keeps an earlier expiry when a second rotation gives a longer overlap', async () => {
    await clients.create(partner, digest('key-1'));
    const first = await clients.rotate('partner-x', digest('key-2'), 60);
    await clients.rotate('partner-x', digest('key-3'), 86_400);
    const [client] = await clients.liveKeys();
    expect(client!.keys[0]).toEqual({ sha256: digest('key-1'), expiresAt: first!.previousExpireAt });
  });

  it('revokes every key of a client, keeps the client listed, and a later rotation gives it a live key', async () => {
    await clients.create(partner, digest('key-1'));
    await clients.rotate('partner-x', digest('key-2'), 3600);
    expect(await clients.revoke('partner-x')).toBe(2);
    expect(await liveDigests()).toEqual([]);
    const [listed] = await clients.list();
    expect(listed).toMatchObject({ ...partner, keys: [{ live: false }, { live: false }] });
    expect(listed!.keys.every((key) => key.revokedAt instanceof Date)).toBe(true);
    await clients.rotate('partner-x', digest('key-3'), 0);
    expect(await liveDigests()).toEqual([digest('key-3')]);
  });

  it('answers null for rotating or revoking a client that does not exist', async () => {
    expect(await clients.rotate('nobody', digest('key-1'), 0)).toBeNull();
    expect(await clients.revoke('nobody')).toBeNull();
    expect(await clients.list()).toEqual([]);
  });
});
