import { PGlite } from '@electric-sql/pglite';
import { PostgresDatabase } from '../database/PostgresDatabase.js';
import { serveSharedSession, type SharedSession } from '../testing/serveSharedSession.js';

const SQL = 'SELECT $1::int * 2 AS doubled';

/** How many statements with `SQL`'s text the shared session holds prepared. */
async function preparedCopies(session: PGlite): Promise<number> {
  const { rows } = await session.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1',
    [SQL],
  );
  return rows[0]!.count;
}

describe('PostgresDatabase on a session shared by several clients', () => {
  let session: PGlite;
  let shared: SharedSession;
  const opened: PostgresDatabase[] = [];
  const connect = async (options: { maxConnections: number; preparedStatements?: boolean }) => {
    const db = await PostgresDatabase.connect(shared.url, options);
    opened.push(db);
    return db;
  };

  beforeEach(async () => {
    session = await PGlite.create();
    shared = await serveSharedSession(session);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    await shared.close();
    await session.close();
  });

  it('runs the same statement from two processes and from every connection of a pool', async () => {
    // Two pools stand for two processes (the bench's subgraphs on one embedded server, or replicas behind a pooler).
    const first = await connect({ maxConnections: 3 });
    const second = await connect({ maxConnections: 3 });
    const answers = await Promise.all(
      [first, second, first, second, first, second].map((db, i) => db.query<{ doubled: number }>(SQL, [i])),
    );
    expect(answers.map((rows) => rows[0]?.doubled)).toEqual([0, 2, 4, 6, 8, 10]);
    // Still prepared, once per connection that ran it: later calls skip parsing and planning.
    expect(await preparedCopies(session)).toBeGreaterThanOrEqual(2);
    expect((await second.query<{ doubled: number }>(SQL, [21]))[0]?.doubled).toBe(42);
  });

  it('prepares nothing by name with preparedStatements off, for poolers that cannot carry named statements', async () => {
    const db = await connect({ maxConnections: 2, preparedStatements: false });
    expect((await db.query<{ doubled: number }>(SQL, [5]))[0]?.doubled).toBe(10);
    expect(await preparedCopies(session)).toBe(0);
  });
});
