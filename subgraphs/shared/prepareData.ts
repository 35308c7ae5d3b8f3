import type { Database } from './database/Database.js';
import { migrate } from './database/migrate.js';
import type { SeedPlan } from './seedPlan.js';
import type { Subgraph } from './Subgraph.js';

/**
 * Brings a subgraph's tables up to date and seeds them once. The seed records itself in `<schema>.seed_runs`,
 * so a restart keeps the data (and any writes made since) instead of seeding again.
 * @returns whether the seed ran now.
 */
export async function prepareData(db: Database, subgraph: Subgraph, plan: SeedPlan): Promise<boolean> {
  const schema = subgraph.name;
  await migrate(db, schema, subgraph.migrationsDir);
  await db.exec(`
    CREATE TABLE IF NOT EXISTS ${schema}.seed_runs (
      plan jsonb NOT NULL,
      seeded_at timestamptz NOT NULL DEFAULT now()
    )`);
  const runs = await db.query(`SELECT 1 FROM ${schema}.seed_runs LIMIT 1`);
  if (runs.length > 0) return false;
  await db.transaction(async (tx) => {
    await subgraph.seed(tx, plan);
    await tx.query(`INSERT INTO ${schema}.seed_runs (plan) VALUES ($1)`, [JSON.stringify(plan)]);
  });
  return true;
}
