import { MARKETS } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { variantRowsSql, type SeedPlan } from '../shared/seedPlan.js';

type WarehouseCode = (typeof MARKETS)[number]['warehouse'];

/** What MARKETS does not say about each market's warehouse. */
const WAREHOUSE_DETAILS: Record<WarehouseCode, { name: string; country: string }> = {
  'US-EAST': { name: 'US East (Secaucus)', country: 'US' },
  'EU-CENTRAL': { name: 'EU Central (Frankfurt)', country: 'DE' },
  'UK-SOUTH': { name: 'UK South (Reading)', country: 'GB' },
};

/**
 * Seeds one warehouse per market and a stock row for every variant of the plan in every warehouse.
 * Quantities are derived from the ids, so every run gives the same numbers. About 15% of the rows are zero:
 * - every 20th product (id ≡ 0 mod 20) is sold out everywhere;
 * - products with id ≡ 10 mod 20 are stocked in one warehouse only (position `id mod 3`);
 * - of the rest, one row in 11 is zero, so some variants are out of stock in one warehouse.
 */
export async function seed(db: Database, plan: SeedPlan): Promise<void> {
  const warehouses = MARKETS.map((market, position) => ({
    code: market.warehouse,
    market: market.code,
    position,
    ...WAREHOUSE_DETAILS[market.warehouse],
  }));
  await db.query(
    `INSERT INTO inventory.warehouse (code, name, country, market, position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[])`,
    [
      warehouses.map((w) => w.code),
      warehouses.map((w) => w.name),
      warehouses.map((w) => w.country),
      warehouses.map((w) => w.market),
      warehouses.map((w) => w.position),
    ],
  );
  await db.exec(`
    INSERT INTO inventory.stock (variant_id, product_id, warehouse_code, quantity)
    SELECT v.variant_id, v.product_id, w.code,
      CASE
        WHEN v.product_id % 20 = 0 THEN 0
        WHEN v.product_id % 20 = 10 AND w.position <> v.product_id % 3 THEN 0
        WHEN v.product_id % 20 <> 10 AND (v.variant_id * 37 + w.position * 5) % 11 = 0 THEN 0
        ELSE 1 + (v.variant_id * 7 + w.position * 31) % 120
      END
    FROM (${variantRowsSql(plan)}) AS v
    CROSS JOIN inventory.warehouse AS w`);
}
