import type { Database } from './database/Database.js';
import { migrate } from './database/migrate.js';
import type { SeedPlan } from './seedPlan.js';
import type { Subgraph } from './Subgraph.js';

/**
 * Brings a subgraph's tables up to date and seeds them once. The seed records itself in `<schema>.seed_runs`,
 * so a restart keeps the data (and any writes made since) instead of seeding again.
 *
 * Everything runs in one transaction that first takes an advisory lock named after the schema, so replicas started
 * together on an empty database take turns: the first migrates and seeds, the others wait, then find both done. A
 * transaction-level lock is released by its commit or rollback, whatever happens to the process, and holds behind a
 * transaction pooler, where a session-level lock could be released on another server connection than the one that
 * took it.
 * @returns whether the seed ran now.
 */
export async function prepareData(db: Database, subgraph: Subgraph, plan: SeedPlan): Promise<boolean> {
  const schema = subgraph.name;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`commerce-federation:prepare:${schema}`]);
    await migrate(tx, schema, subgraph.migrationsDir);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS ${schema}.seed_runs (
        plan jsonb NOT NULL,
        seeded_at timestamptz NOT NULL DEFAULT now()
      )`);
    const runs = await tx.query(`SELECT 1 FROM ${schema}.seed_runs LIMIT 1`);
    if (runs.length > 0) return false;
    await subgraph.seed(tx, plan);
    await tx.query(`INSERT INTO ${schema}.seed_runs (plan) VALUES ($1)`, [JSON.stringify(plan)]);
    return true;
  });
}
