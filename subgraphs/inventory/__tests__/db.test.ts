import { MARKETS } from '../../../contracts/requestContext.js';
import { observeStatements } from '../../shared/database/Database.js';
import { productOfVariant, variantCount } from '../../shared/seedPlan.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { TEST_SEED_PLAN } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { adjustStock, stockTargetExists, warehouses } from '../db.js';
import { inventory } from '../index.js';
import { createLoaders } from '../loaders.js';

const anonymous = { locale: 'en-US', market: 'US', currency: 'USD', viewer: null, segment: null } as const;

describeEachDatabase('inventory data', (target) => {
  const handle = seedForTest(inventory, target);

  describe('seed', () => {
    it('holds one warehouse per market, in MARKETS order', async () => {
      const rows = await warehouses(handle.db);
      expect(rows.map((w) => [w.code, w.country, w.market])).toEqual([
        ['US-EAST', 'US', 'US'],
        ['EU-CENTRAL', 'DE', 'EU'],
        ['UK-SOUTH', 'GB', 'UK'],
      ]);
      expect(rows.map((w) => w.code)).toEqual(MARKETS.map((m) => m.warehouse));
    });

    it('stocks every variant of the plan in every warehouse, under its own product', async () => {
      const [counts] = await handle.db.query<{ rows: number; variants: number; products: number }>(
        `SELECT count(*)::int AS rows, count(DISTINCT variant_id)::int AS variants,
           count(DISTINCT product_id)::int AS products FROM inventory.stock`,
      );
      let variants = 0;
      for (let p = 1; p <= TEST_SEED_PLAN.products; p++) variants += variantCount(p);
      expect(counts).toEqual({ rows: variants * 3, variants, products: TEST_SEED_PLAN.products });
      const mismatched = await handle.db.query<{ variant_id: number; product_id: number }>(
        `SELECT DISTINCT variant_id, product_id FROM inventory.stock`,
      );
      expect(mismatched.filter((r) => productOfVariant(r.variant_id) !== r.product_id)).toEqual([]);
    });

    it('leaves about 15% of rows empty: some products sold out, some stocked in one warehouse', async () => {
      const [shape] = await handle.db.query<{ empty: number; soldOut: number; oneWarehouse: number }>(
        `WITH per_product AS (
           SELECT product_id, sum(quantity) AS total,
             count(DISTINCT warehouse_code) FILTER (WHERE quantity > 0) AS stocked_in
           FROM inventory.stock GROUP BY product_id)
         SELECT (SELECT avg((quantity = 0)::int)::float FROM inventory.stock) AS empty,
           count(*) FILTER (WHERE total = 0)::int AS "soldOut",
           count(*) FILTER (WHERE stocked_in = 1)::int AS "oneWarehouse"
         FROM per_product`,
      );
      expect(shape?.empty).toBeGreaterThan(0.1);
      expect(shape?.empty).toBeLessThan(0.2);
      expect(shape?.soldOut).toBeGreaterThanOrEqual(TEST_SEED_PLAN.products / 20);
      expect(shape?.oneWarehouse).toBeGreaterThanOrEqual(TEST_SEED_PLAN.products / 20);
    });
  });

  describe('createLoaders', () => {
    it('loads the stock of many products with one statement, in key order, [] for unknown ids', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(handle.db, (sql) => statements.push(sql)),
        anonymous,
      );
      const [p3, unknown, p1] = await Promise.all(
        [3, 999_999, 1].map((id) => loaders.stockByProduct.load(id)),
      );
      expect(statements).toHaveLength(1);
      expect(unknown).toEqual([]);
      expect(new Set(p3?.map((r) => r.productId))).toEqual(new Set([3]));
      expect(p3).toHaveLength(variantCount(3) * 3);
      expect(p1).toHaveLength(variantCount(1) * 3);
      expect(p3?.[0]?.warehouse).toMatchObject({
        code: 'US-EAST',
        name: expect.any(String),
        country: 'US',
      });
    });

    it('loads the stock of many variants with one statement, in key order', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(handle.db, (sql) => statements.push(sql)),
        anonymous,
      );
      const [v32, v11, none] = await Promise.all([32, 11, 19].map((id) => loaders.stockByVariant.load(id)));
      expect(statements).toHaveLength(1);
      expect(v32?.map((r) => [r.variantId, r.warehouse.code])).toEqual(MARKETS.map((m) => [32, m.warehouse]));
      expect(v11?.every((r) => r.variantId === 11)).toBe(true);
      expect(none).toEqual([]);
    });
  });

  describe('adjustStock', () => {
    const variant = TEST_SEED_PLAN.products * 10 + 1;

    it('adds the delta and returns the new quantity', async () => {
      const [before] = await handle.db.query<{ quantity: number }>(
        `SELECT quantity FROM inventory.stock WHERE variant_id = $1 AND warehouse_code = 'UK-SOUTH'`,
        [variant],
      );
      const [row] = await adjustStock(handle.db, variant, 'UK-SOUTH', 7);
      expect(row?.quantity).toBe((before?.quantity ?? NaN) + 7);
      expect(row?.warehouse.code).toBe('UK-SOUTH');
    });

    it('changes nothing when the stock would go below zero, and says which half of the target exists', async () => {
      expect(await adjustStock(handle.db, variant, 'UK-SOUTH', -1_000_000)).toEqual([]);
      expect(await stockTargetExists(handle.db, variant, 'UK-SOUTH')).toEqual([
        { variantKnown: true, warehouseKnown: true },
      ]);
      expect(await stockTargetExists(handle.db, 19, 'MARS-1')).toEqual([
        { variantKnown: false, warehouseKnown: false },
      ]);
    });
  });
});
