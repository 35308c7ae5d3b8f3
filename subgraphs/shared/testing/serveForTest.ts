import type { Database } from '../database/Database.js';
import type { Subgraph } from '../Subgraph.js';
import { startTestSubgraph, type TestSubgraph } from './subgraphHarness.js';
import { embedded, type TestDatabase, type TestDatabaseTarget } from './testDatabases.js';

/**
 * A subgraph `serveForTest` serves, with the database it runs on. Read it inside tests and hooks only: until the
 * `beforeAll` that starts it has run, every member throws.
 */
export type ServedSubgraph = Readonly<Omit<TestSubgraph, 'stop'>> & {
  /** The subgraph's own database, migrated and seeded, for checking answers against the tables. */
  readonly db: Database;
};

/**
 * Registers, in the current `describe` (or the file), a `beforeAll` that opens a fresh database on `target`, then
 * migrates, seeds and serves `subgraph` on it, and an `afterAll` that stops the subgraph and disposes the database.
 * @param target the database to run on; embedded PostgreSQL by default. Tests that must pass on every database
 * pass the target `describeEachDatabase` gives them.
 */
export function serveForTest(subgraph: Subgraph, target: TestDatabaseTarget = embedded): ServedSubgraph {
  let database: TestDatabase | undefined;
  let served: TestSubgraph | undefined;
  beforeAll(async () => {
    database = await target.open();
    served = await startTestSubgraph(subgraph, database.db);
  });
  afterAll(async () => {
    await served?.stop();
    await database?.dispose();
  });

  function started(): { served: TestSubgraph; db: Database } {
    if (!served || !database) {
      throw new Error(
        `The ${subgraph.name} subgraph is not served: use it inside a test or hook, after the beforeAll of serveForTest (which may have failed).`,
      );
    }
    return { served, db: database.db };
  }
  return {
    get db() {
      return started().db;
    },
    get url() {
      return started().served.url;
    },
    get reports() {
      return started().served.reports;
    },
    request: <D>(...args: Parameters<TestSubgraph['request']>) => started().served.request<D>(...args),
    requestRaw: <D>(...args: Parameters<TestSubgraph['requestRaw']>) =>
      started().served.requestRaw<D>(...args),
  };
}
