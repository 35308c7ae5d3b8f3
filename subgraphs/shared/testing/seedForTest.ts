import type { Database } from '../database/Database.js';
import { prepareData } from '../prepareData.js';
import type { Subgraph } from '../Subgraph.js';
import { TEST_SEED_PLAN } from './subgraphHarness.js';
import type { TestDatabase, TestDatabaseTarget } from './testDatabases.js';

/** A database `seedForTest` prepares. Read `db` inside tests and hooks only: it throws until then. */
export interface SeededDatabase {
  readonly db: Database;
}

/**
 * For data-layer tests, which need no server: registers, in the current `describe`, a `beforeAll` that opens a
 * fresh database on `target` and migrates and seeds `subgraph` on it (`TEST_SEED_PLAN`), and an `afterAll` that
 * disposes it. Tests of the served API use `serveForTest`.
 */
export function seedForTest(subgraph: Subgraph, target: TestDatabaseTarget): SeededDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await target.open();
    await prepareData(database.db, subgraph, TEST_SEED_PLAN);
  });
  afterAll(() => database?.dispose());
  return {
    get db() {
      if (!database) {
        throw new Error(
          `The ${subgraph.name} database is not seeded: use it inside a test or hook, after the beforeAll of seedForTest (which may have failed).`,
        );
      }
      return database.db;
    },
  };
}
