import { MARKETS } from '../../../contracts/requestContext.js';
import { observeStatements } from '../../shared/database/Database.js';
import { variantCount } from '../../shared/seedPlan.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { TEST_SEED_PLAN } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { pricing } from '../index.js';
import { createLoaders } from '../loaders.js';
import { productWithPricesOfTwoLengths } from './seededPrices.js';

const inEurope = { locale: 'de-DE', market: 'EU', currency: 'EUR', viewer: null, segment: null } as const;

describeEachDatabase('pricing data', (target) => {
  const handle = seedForTest(pricing, target);

  describe('seed', () => {
    it('prices every variant of the plan once per market, in that market’s currency', async () => {
      const rows = await handle.db.query<{ market: string; currency: string; variants: number }>(
        `SELECT market, currency, count(DISTINCT variant_id)::int AS variants
         FROM pricing.price GROUP BY market, currency ORDER BY market`,
      );
      let variants = 0;
      for (let p = 1; p <= TEST_SEED_PLAN.products; p++) variants += variantCount(p);
      const expected = MARKETS.map((m) => ({ market: m.code, currency: m.currency, variants }));
      expect(rows).toEqual(expected.sort((a, b) => a.market.localeCompare(b.market)));
    });

    it('ends every amount in .49 or .99 and keeps variants of a product within 20% of each other', async () => {
      const [shape] = await handle.db.query<{ odd: number; spread: string }>(
        `SELECT (SELECT count(*)::int FROM pricing.price
                   WHERE amount - floor(amount) NOT IN (0.49, 0.99)) AS odd,
           (SELECT max(hi / lo)::text FROM (
              SELECT max(amount) AS hi, min(amount) AS lo FROM pricing.price GROUP BY product_id, market) s)
             AS spread`,
      );
      expect(shape?.odd).toBe(0);
      expect(Number(shape?.spread)).toBeGreaterThan(1.05);
      expect(Number(shape?.spread)).toBeLessThanOrEqual(1.2);
    });

    it('converts the USD base at about 0.92 for EUR and 0.79 for GBP', async () => {
      const rows = await handle.db.query<{ market: string; ratio: string }>(
        `SELECT o.market, (sum(o.amount) / sum(us.amount))::text AS ratio
         FROM pricing.price o JOIN pricing.price us ON us.variant_id = o.variant_id AND us.market = 'US'
         WHERE o.market <> 'US' GROUP BY o.market ORDER BY o.market`,
      );
      expect(rows.map((r) => [r.market, Number(r.ratio).toFixed(2)])).toEqual([
        ['EU', '0.92'],
        ['UK', '0.79'],
      ]);
    });

    it('reduces about one variant in six, always from a higher compare-at amount', async () => {
      const [share] = await handle.db.query<{ reduced: number; wrong: number }>(
        `SELECT avg((compare_at_amount IS NOT NULL)::int)::float AS reduced,
           count(*) FILTER (WHERE compare_at_amount <= amount)::int AS wrong FROM pricing.price`,
      );
      expect(share?.reduced).toBeCloseTo(1 / 6, 1);
      expect(share?.wrong).toBe(0);
    });

    it('seeds six promotions per market: three running, two ended, one to come', async () => {
      const rows = await handle.db.query<{
        market: string;
        running: number;
        ended: number;
        future: number;
      }>(
        `SELECT market, count(*) FILTER (WHERE starts_at <= now() AND now() < ends_at)::int AS running,
           count(*) FILTER (WHERE ends_at <= now())::int AS ended,
           count(*) FILTER (WHERE starts_at > now())::int AS future
         FROM pricing.promotion GROUP BY market ORDER BY market`,
      );
      expect(rows).toEqual(['EU', 'UK', 'US'].map((market) => ({ market, running: 3, ended: 2, future: 1 })));
    });
  });

  describe('createLoaders', () => {
    it('loads the prices of many products with one statement, in key order, cheapest first', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(handle.db, (sql) => statements.push(sql)),
        inEurope,
      );
      const [p3, unknown, p7] = await Promise.all(
        [3, 999_999, 7].map((id) => loaders.pricesByProduct.load(id)),
      );
      expect(statements).toHaveLength(1);
      expect(unknown).toEqual([]);
      expect(p3?.map((r) => r.variantId).sort()).toEqual([31, 32, 33, 34]);
      expect(p7?.every((r) => r.productId === 7 && r.market === 'EU' && r.currency === 'EUR')).toBe(true);
      const amounts = p3?.map((r) => Number(r.amount)) ?? [];
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
      expect(p3?.[0]?.amount).toMatch(/^\d+\.\d\d$/);
    });

    it('orders a product’s prices as numbers, not as text', async () => {
      const id = await productWithPricesOfTwoLengths(handle.db, 'EU');
      const rows = await createLoaders(handle.db, inEurope).pricesByProduct.load(id);
      const amounts = rows.map((r) => Number(r.amount));
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
      expect(rows[0]?.amount.length).toBeLessThan(rows[rows.length - 1]?.amount.length ?? 0);
    });

    it('loads variant prices with one statement, null for a variant without a price', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(handle.db, (sql) => statements.push(sql)),
        inEurope,
      );
      const [v32, none] = await Promise.all([32, 19].map((id) => loaders.priceByVariant.load(id)));
      expect(statements).toHaveLength(1);
      expect(v32).toMatchObject({ variantId: 32, market: 'EU', currency: 'EUR' });
      expect(none).toBeNull();
    });

    it('loads only running promotions of the market, biggest first, with one statement', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(handle.db, (sql) => statements.push(sql)),
        inEurope,
      );
      // 386 ≡ 1 mod 7, 11 and 5: in the EU's running Weekend deal and Member week, ended Summer sale.
      const [promotions] = await Promise.all([loaders.promotionsByProduct.load(386)]);
      expect(statements).toHaveLength(1);
      expect(promotions?.map((p) => [p.title, p.percentOff])).toEqual([
        ['Member week', 30],
        ['Weekend deal', 20],
      ]);
      expect(promotions?.[0]?.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });
  });
});
