import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { observeStatements } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { PgliteDatabase } from '../database/PgliteDatabase.js';
import { describeEachDatabase, testDatabaseTargets, type TestDatabase } from '../testing/testDatabases.js';

describeEachDatabase('Database contract', (target) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await target.open();
    await handle.db.exec(`
        CREATE SCHEMA contract;
        CREATE TABLE contract.item (id int PRIMARY KEY, price numeric(10, 2) NOT NULL, big bigint NOT NULL);
        INSERT INTO contract.item SELECT i, i * 1.25, i::bigint * 1000 FROM generate_series(1, 5) AS i;
      `);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('binds an array parameter for = ANY($1) and returns int8 as a number and numeric as a string', async () => {
    const rows = await handle.db.query<{ id: number; price: string; big: number; total: number }>(
      'SELECT id, price, big, count(*) OVER () AS total FROM contract.item WHERE id = ANY($1::int[]) ORDER BY id',
      [[4, 2, 99]],
    );
    expect(rows).toEqual([
      { id: 2, price: '2.50', big: 2000, total: 2 },
      { id: 4, price: '5.00', big: 4000, total: 2 },
    ]);
  });

  it('rolls a transaction back when its work throws', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.query('UPDATE contract.item SET price = 0 WHERE id = 1');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [row] = await handle.db.query<{ price: string }>('SELECT price FROM contract.item WHERE id = 1');
    expect(row?.price).toBe('1.25');
  });

  it('commits a transaction whose work succeeds', async () => {
    const result = await handle.db.transaction(async (tx) => {
      await tx.query('UPDATE contract.item SET price = 9.99 WHERE id = 5');
      return 'done';
    });
    expect(result).toBe('done');
    const [row] = await handle.db.query<{ price: string }>('SELECT price FROM contract.item WHERE id = 5');
    expect(row?.price).toBe('9.99');
  });

  it('reports every statement to an observer, also inside transactions', async () => {
    const seen: string[] = [];
    const observed = observeStatements(handle.db, (sql) => seen.push(sql));
    await observed.query('SELECT 1');
    await observed.transaction((tx) => tx.query('SELECT 2'));
    expect(seen).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('applies each migration once and records it', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    await writeFile(path.join(directory, '001_init.sql'), 'CREATE TABLE migrated.thing (id int);');
    await writeFile(path.join(directory, '002_more.sql'), 'ALTER TABLE migrated.thing ADD COLUMN name text;');
    await writeFile(path.join(directory, 'notes.txt'), 'not a migration');
    expect(await migrate(handle.db, 'migrated', directory)).toEqual(['001_init.sql', '002_more.sql']);
    expect(await migrate(handle.db, 'migrated', directory)).toEqual([]);
    await handle.db.query("INSERT INTO migrated.thing (id, name) VALUES (1, 'ok')");
    await rm(directory, { recursive: true });
  });
});

// The embedded adapter has no connections to prepare on: this is the server adapter's own contract.
for (const target of testDatabaseTargets().filter((candidate) => candidate.name === 'postgres')) {
  describe('PostgresDatabase prepared statements', () => {
    let handle: TestDatabase;
    beforeAll(async () => {
      handle = await target.open();
    });
    afterAll(async () => {
      await handle?.dispose();
    });

    it('prepares a statement once per connection and reuses it with new parameters', async () => {
      const sql = 'SELECT $1::int * 2 AS doubled';
      // One transaction holds one connection, so its prepared statements are the ones this query lists.
      const seen = await handle.db.transaction(async (tx) => {
        const answers = [];
        for (const value of [1, 2, 3])
          answers.push((await tx.query<{ doubled: number }>(sql, [value]))[0]?.doubled);
        const prepared = await tx.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1',
          [sql],
        );
        return { answers, prepared: prepared[0]?.count };
      });
      expect(seen).toEqual({ answers: [2, 4, 6], prepared: 1 });
    });

    it('still answers after a statement that failed to prepare', async () => {
      await expect(handle.db.query('SELECT * FROM contract_missing WHERE id = $1', [1])).rejects.toThrow(
        /contract_missing/,
      );
      await handle.db.exec('CREATE TABLE contract_missing (id int)');
      expect(await handle.db.query('SELECT * FROM contract_missing WHERE id = $1', [1])).toEqual([]);
    });
  });
}

describe('PgliteDatabase', () => {
  it('keeps written data in its folder across a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pglite-'));
    const first = await PgliteDatabase.open(dataDir);
    await first.exec('CREATE TABLE note (body text); INSERT INTO note VALUES ($$kept$$);');
    await first.close();
    const second = await PgliteDatabase.open(dataDir);
    expect(await second.query('SELECT body FROM note')).toEqual([{ body: 'kept' }]);
    await second.close();
    await rm(dataDir, { recursive: true });
  });
});
