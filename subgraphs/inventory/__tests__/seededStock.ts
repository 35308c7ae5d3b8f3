import { MARKETS } from '../../../contracts/requestContext.js';
import type { Database } from '../../shared/database/Database.js';

/**
 * Questions the tests ask the seeded tables directly, in SQL of their own, so that the subgraph's answers are
 * checked against an independent computation rather than against themselves.
 */

/** The availability the stock rows of one product or variant add up to. */
export async function expectedAvailability(db: Database, column: 'product_id' | 'variant_id', id: number) {
  const rows = await db.query<{ code: string; quantity: number }>(
    `SELECT warehouse_code AS code, sum(quantity)::int AS quantity FROM inventory.stock
     WHERE ${column} = $1 GROUP BY warehouse_code`,
    [id],
  );
  const warehouses = MARKETS.map((m) => rows.find((r) => r.code === m.warehouse)).map((r) => ({
    quantity: r?.quantity,
    inStock: (r?.quantity ?? 0) > 0,
    warehouse: { code: r?.code },
  }));
  const quantity = rows.reduce((sum, r) => sum + r.quantity, 0);
  return { inStock: quantity > 0, quantity, warehouses };
}

/** The codes of the warehouses holding any unit of a product. */
export async function warehousesStocking(db: Database, productId: number): Promise<string[]> {
  const rows = await db.query<{ warehouse_code: string }>(
    `SELECT warehouse_code FROM inventory.stock WHERE product_id = $1
     GROUP BY warehouse_code HAVING sum(quantity) > 0`,
    [productId],
  );
  return rows.map((r) => r.warehouse_code).sort();
}

/** The first product whose stock is in exactly the warehouses given (none: sold out). */
export async function productStockedIn(db: Database, codes: readonly string[]): Promise<string> {
  const [row] = await db.query<{ product_id: number }>(
    `SELECT product_id FROM inventory.stock GROUP BY product_id
     HAVING coalesce(array_agg(DISTINCT warehouse_code) FILTER (WHERE quantity > 0), '{}') = $1::text[]
     ORDER BY product_id LIMIT 1`,
    [[...codes].sort()],
  );
  if (!row) throw new Error(`the seed has no product stocked in exactly [${codes.join(', ')}]`);
  return String(row.product_id);
}
