import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './Database.js';

/**
 * Applies the `NNN_name.sql` files of `directory` that `schema` has not seen yet, in name order, each in its own
 * transaction, and records them in `<schema>.schema_migrations`. Safe to call on every start.
 * @returns the names of the files applied now.
 */
export async function migrate(db: Database, schema: string, directory: string): Promise<string[]> {
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
  `);
  const applied = new Set(
    (await db.query<{ version: string }>(`SELECT version FROM ${schema}.schema_migrations`)).map(
      (r) => r.version,
    ),
  );
  const files = (await readdir(directory)).filter((file) => /^\d+_.+\.sql$/.test(file)).sort();
  const pending = files.filter((file) => !applied.has(file));
  for (const file of pending) {
    const sql = await readFile(path.join(directory, file), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [file]);
    });
  }
  return pending;
}
