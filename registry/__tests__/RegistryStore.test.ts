import type { SchemaCheckReport } from '../check/SchemaCheck.js';
import { describeEachDatabase, type TestDatabase } from '../../subgraphs/shared/testing/testDatabases.js';
import { RegistryStore, summaryOf, type NewVersion } from '../store/RegistryStore.js';

const report = (changes: SchemaCheckReport['changes'] = []): SchemaCheckReport => ({
  ok: true,
  approvable: true,
  changed: ['products'],
  composition: { ok: true, errors: [], hints: [] },
  supergraphSdl: 'type Query { a: Int }',
  schemaVersion: 'abc',
  changes,
  operations: [],
  costLimit: 10_000,
  policy: [],
  warnings: [],
});

const version = (overrides: Partial<NewVersion> = {}): NewVersion => ({
  action: 'publish',
  author: 'ada@example.com',
  commit: 'c0ffee',
  approvalReason: null,
  rolledBackTo: null,
  changedSubgraphs: ['products'],
  subgraphs: [{ name: 'products', url: 'http://127.0.0.1:1/graphql', sdl: 'type Query { a: Int }' }],
  supergraphSdl: 'supergraph one',
  schemaVersion: 'v1',
  report: report(),
  excludedOperations: [],
  ...overrides,
});

describeEachDatabase('RegistryStore', (target) => {
  let handle: TestDatabase;
  let store: RegistryStore;
  beforeAll(async () => {
    handle = await target.open();
  });
  // A fresh registry schema per test, on one database per file: opening a database is the slow part.
  beforeEach(async () => {
    await handle.db.exec('DROP SCHEMA IF EXISTS registry CASCADE');
    store = await RegistryStore.open(handle.db);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('migrates once: opening the same database again applies nothing and keeps the data', async () => {
    await store.withLock((locked) => locked.append(version()));
    const again = await RegistryStore.open(handle.db);
    expect((await again.head())?.version).toBe(1);
  });

  it('numbers versions 1, 2, 3 and reads each back whole, newest as current', async () => {
    const changes: SchemaCheckReport['changes'] = [
      { criticality: 'breaking', type: 'FIELD_REMOVED', path: 'Product.name', message: 'removed' },
      { criticality: 'safe', type: 'FIELD_ADDED', path: 'Product.rating', message: 'added' },
      { criticality: 'safe', type: 'FIELD_ADDED', path: 'Product.stars', message: 'added' },
    ];
    await store.withLock((locked) => locked.append(version()));
    await store.withLock((locked) =>
      locked.append(
        version({
          schemaVersion: 'v2',
          supergraphSdl: 'supergraph two',
          approvalReason: 'ProductPage moves to rating this sprint',
          report: report(changes),
          excludedOperations: [
            { id: 7, client: 'storefront', name: 'ProductPage', source: 'ProductPage.graphql' },
          ],
        }),
      ),
    );
    const third = await store.withLock((locked) =>
      locked.append(version({ action: 'rollback', rolledBackTo: 1, schemaVersion: 'v1' })),
    );
    expect(third.version).toBe(3);
    expect(third.createdAt).toBeInstanceOf(Date);

    expect(await store.head()).toEqual({ version: 3, schemaVersion: 'v1', excludedOperations: [] });
    const second = await store.version(2);
    expect(second).toMatchObject({
      version: 2,
      action: 'publish',
      author: 'ada@example.com',
      commit: 'c0ffee',
      approvalReason: 'ProductPage moves to rating this sprint',
      supergraphSdl: 'supergraph two',
      subgraphs: [{ name: 'products', url: 'http://127.0.0.1:1/graphql', sdl: 'type Query { a: Int }' }],
      report: report(changes),
      excludedOperations: [
        { id: 7, client: 'storefront', name: 'ProductPage', source: 'ProductPage.graphql' },
      ],
    });
    expect(summaryOf(second!).changes).toEqual({ breaking: 1, dangerous: 0, safe: 2 });
    expect(await store.supergraphSdl(2)).toBe('supergraph two');
    expect(await store.version(4)).toBeNull();
    expect((await store.current())?.rolledBackTo).toBe(1);
  });

  it('lists history newest first, with change counts, a limit and a starting point', async () => {
    for (let i = 1; i <= 4; i += 1) {
      await store.withLock((locked) => locked.append(version({ schemaVersion: `v${i}` })));
    }
    const newest = await store.history(2);
    expect(newest.map((entry) => entry.version)).toEqual([4, 3]);
    expect(newest[0]).toMatchObject({ schemaVersion: 'v4', changes: { breaking: 0, dangerous: 0, safe: 0 } });
    expect(newest[0]).not.toHaveProperty('supergraphSdl');
    expect((await store.history(10, 3)).map((entry) => entry.version)).toEqual([2, 1]);
  });

  it('refuses to change or delete a recorded version', async () => {
    await store.withLock((locked) => locked.append(version()));
    await expect(handle.db.query("UPDATE registry.versions SET author = 'mallory'")).rejects.toThrow(
      /append-only/,
    );
    await expect(handle.db.query('DELETE FROM registry.versions')).rejects.toThrow(/append-only/);
    expect((await store.version(1))?.author).toBe('ada@example.com');
  });

  it("replaces one client's operations and leaves the others", async () => {
    const operation = { source: 'manifest.json', body: '{ a }' };
    await store.replaceOperations('partner', [{ ...operation, client: 'partner', name: 'A' }]);
    await store.replaceOperations('storefront', [
      { ...operation, client: 'storefront', name: 'Page', variables: { id: '1' } },
      { ...operation, client: 'storefront', name: undefined },
    ]);
    await store.replaceOperations('partner', [{ ...operation, client: 'partner', name: 'B' }]);
    const operations = await store.operations();
    expect(operations.map(({ id: _id, ...rest }) => rest)).toEqual([
      { client: 'storefront', name: 'Page', source: 'manifest.json', body: '{ a }', variables: { id: '1' } },
      { client: 'storefront', name: undefined, source: 'manifest.json', body: '{ a }' },
      { client: 'partner', name: 'B', source: 'manifest.json', body: '{ a }' },
    ]);
    expect(new Set(operations.map((operation) => operation.id)).size).toBe(3);
  });

  it('serializes writers: the second waits for the first, sees its version as current, and follows it', async () => {
    const seen: (number | null)[] = [];
    let firstHolds!: () => void;
    const firstHasLock = new Promise<void>((resolve) => (firstHolds = resolve));
    const first = store.withLock(async (locked) => {
      seen.push((await locked.head())?.version ?? null);
      firstHolds();
      // On a server, wait until the second writer is seen blocked on the lock; embedded, one writer runs at a time.
      if (target.name === 'postgres') await waitForLockWaiter(handle);
      return locked.append(version({ schemaVersion: 'first' }));
    });
    await firstHasLock;
    const second = store.withLock(async (locked) => {
      seen.push((await locked.head())?.version ?? null);
      return locked.append(version({ schemaVersion: 'second' }));
    });
    const [a, b] = await Promise.all([first, second]);
    expect([a.version, b.version]).toEqual([1, 2]);
    expect(seen).toEqual([null, 1]);
    expect((await store.head())?.schemaVersion).toBe('second');
  });
});

/** Resolves once another session waits for an advisory lock; rejects after 10 s (the lock did not make it wait). */
async function waitForLockWaiter(handle: TestDatabase): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await handle.db.query<{ waiting: number }>(
      "SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no writer waited for the registry lock');
}
