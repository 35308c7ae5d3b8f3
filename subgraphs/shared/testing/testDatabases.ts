import { randomBytes } from 'node:crypto';
import type { Database } from '../database/Database.js';
import { PgliteDatabase } from '../database/PgliteDatabase.js';
import { PostgresDatabase } from '../database/PostgresDatabase.js';

/** A database a test runs against, made fresh for it, with a name for `describe.each`. */
export interface TestDatabaseTarget {
  name: 'embedded' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase {
  db: Database;
  /** Closes the database and removes what the test created. */
  dispose(): Promise<void>;
}

/** Embedded PostgreSQL (PGlite) in memory: what a test runs against when it needs no particular server. */
export const embedded: TestDatabaseTarget = {
  name: 'embedded',
  async open() {
    const db = await PgliteDatabase.open();
    return { db, dispose: () => db.close() };
  },
};

/**
 * The databases data-layer tests must pass against: embedded PostgreSQL always, and the server at `DATABASE_URL`
 * when it is set. Each test gets a database of its own on that server, dropped afterwards, so test files can run in
 * parallel. Under CI (`CI=true`) a missing `DATABASE_URL` is a failure, not a skip.
 */
export function testDatabaseTargets(env: NodeJS.ProcessEnv = process.env): TestDatabaseTarget[] {
  const url = env['DATABASE_URL'];
  if (!url) {
    if (env['CI'] === 'true')
      throw new Error('DATABASE_URL must be set under CI so the real-server tests run');
    return [embedded];
  }
  return [embedded, postgresTarget(url)];
}

/**
 * Declares the tests of `tests` once per database of `testDatabaseTargets()`, each in a `describe` titled
 * `<title> (<target name>)`.
 */
export function describeEachDatabase(title: string, tests: (target: TestDatabaseTarget) => void): void {
  for (const target of testDatabaseTargets()) describe(`${title} (${target.name})`, () => tests(target));
}

function postgresTarget(url: string): TestDatabaseTarget {
  return {
    name: 'postgres',
    async open() {
      const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      const admin = await PostgresDatabase.connect(url, { maxConnections: 1 });
      await admin.exec(`CREATE DATABASE ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const db = await PostgresDatabase.connect(target.toString());
      return {
        db,
        async dispose() {
          await db.close();
          await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.close();
        },
      };
    },
  };
}
