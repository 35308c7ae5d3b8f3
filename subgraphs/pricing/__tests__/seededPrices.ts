import type { Database } from '../../shared/database/Database.js';

/**
 * Questions the tests ask the seeded tables directly, in SQL of their own, so that the subgraph's answers are
 * checked against an independent computation rather than against themselves.
 */

/** A product's cheapest and dearest variant in a market, and the cheapest one's compare-at amount. */
export async function expectedProductPrice(db: Database, productId: number, market: string) {
  const [row] = await db.query<{ min: string; max: string; compare_at: string | null }>(
    `SELECT min(amount)::text AS min, max(amount)::text AS max,
       (SELECT compare_at_amount::text FROM pricing.price WHERE product_id = $1 AND market = $2
        ORDER BY amount, variant_id LIMIT 1) AS compare_at
     FROM pricing.price WHERE product_id = $1 AND market = $2`,
    [productId, market],
  );
  if (!row) throw new Error(`product ${productId} has no price in ${market}`);
  return row;
}

/** Titles of a product's promotions in a market, by whether they run now, biggest first. */
export async function promotionTitles(db: Database, productId: number, market: string) {
  const rows = await db.query<{ title: string; running: boolean }>(
    `SELECT p.title, p.starts_at <= now() AND now() < p.ends_at AS running
     FROM pricing.promotion p JOIN pricing.promotion_product pp ON pp.promotion_id = p.id
     WHERE pp.product_id = $1 AND p.market = $2 ORDER BY p.percent_off DESC`,
    [productId, market],
  );
  return {
    running: rows.filter((r) => r.running).map((r) => r.title),
    notRunning: rows.filter((r) => !r.running).map((r) => r.title),
  };
}

/** The first product whose cheapest variant in a market is (or is not) reduced from a compare-at price. */
export async function productWithCheapestReduced(db: Database, market: string, reduced: boolean) {
  const [row] = await db.query<{ product_id: number }>(
    `SELECT product_id FROM (
       SELECT DISTINCT ON (product_id) product_id, compare_at_amount FROM pricing.price
       WHERE market = $1 ORDER BY product_id, amount, variant_id) cheapest
     WHERE (compare_at_amount IS NOT NULL) = $2
       AND EXISTS (SELECT 1 FROM pricing.price o WHERE o.product_id = cheapest.product_id
                   AND o.market = $1 AND o.compare_at_amount IS NOT NULL)
     ORDER BY product_id LIMIT 1`,
    [market, reduced],
  );
  if (!row) throw new Error(`no product in ${market} whose cheapest variant reduced=${reduced}`);
  return row.product_id;
}

/** The first product whose variant amounts in a market differ in digit count (e.g. 89.49 and 100.99). */
export async function productWithPricesOfTwoLengths(db: Database, market: string): Promise<number> {
  const [row] = await db.query<{ product_id: number }>(
    `SELECT product_id FROM pricing.price WHERE market = $1 GROUP BY product_id
     HAVING length(min(amount)::text) <> length(max(amount)::text) ORDER BY product_id LIMIT 1`,
    [market],
  );
  if (!row) throw new Error(`no product in ${market} with prices of two lengths`);
  return row.product_id;
}
