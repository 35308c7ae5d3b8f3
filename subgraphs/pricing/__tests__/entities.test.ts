import type { MarketCode } from '../../../contracts/requestContext.js';
import { expectBatched } from '../../shared/testing/expectBatched.js';
import { productsAndFirstVariants } from '../../shared/testing/representations.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { pricing } from '../index.js';
import {
  expectedProductPrice,
  productWithCheapestReduced,
  productWithPricesOfTwoLengths,
  promotionTitles,
} from './seededPrices.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id price { ...Money } compareAtPrice { ...Money }
    priceRange { min { ...Money } max { ...Money } }
    promotions { id title percentOff startsAt endsAt } }
  ... on ProductVariant { id price { ...Money } compareAtPrice { ...Money } } } }
  fragment Money on Money { amount currency }`;

type Money = { amount: string; currency: string };
type Entity = {
  id: string;
  price: Money;
  compareAtPrice: Money | null;
  priceRange?: { min: Money; max: Money };
  promotions?: { title: string; percentOff: number; startsAt: string; endsAt: string }[];
} | null;

const subgraph = serveForTest(pricing);
const entities = (representations: object[], market: MarketCode = 'US') =>
  resolveEntities<Entity>(subgraph, ENTITIES, representations, { market });

const product = (id: number) => ({ __typename: 'Product', id: String(id) });

describe('Product prices', () => {
  it.each([
    ['US', 'USD'],
    ['EU', 'EUR'],
    ['UK', 'GBP'],
  ] as const)(
    'are the cheapest and dearest variant prices of the %s market, in %s',
    async (market, currency) => {
      // The second product's prices differ in digit count, so text order would pick the wrong cheapest.
      const ids = [77, await productWithPricesOfTwoLengths(subgraph.db, market)];
      const answer = await entities(ids.map(product), market);
      for (const [index, id] of ids.entries()) {
        const expected = await expectedProductPrice(subgraph.db, id, market);
        expect(answer[index]?.price).toEqual({ amount: expected.min, currency });
        expect(answer[index]?.priceRange).toEqual({
          min: { amount: expected.min, currency },
          max: { amount: expected.max, currency },
        });
        expect(expected.min).not.toBe(expected.max);
      }
    },
  );

  it('differ between markets for the same product', async () => {
    const amounts = await Promise.all(
      (['US', 'EU', 'UK'] as const).map(async (market) => (await entities([product(5)], market))[0]?.price),
    );
    expect(new Set(amounts.map((m) => m?.amount)).size).toBe(3);
    expect(amounts.map((m) => m?.currency)).toEqual(['USD', 'EUR', 'GBP']);
  });

  it('show the compare-at price of the cheapest variant only', async () => {
    const reduced = await productWithCheapestReduced(subgraph.db, 'UK', true);
    const notReduced = await productWithCheapestReduced(subgraph.db, 'UK', false);
    const [withCompareAt, without] = await entities([product(reduced), product(notReduced)], 'UK');
    const expected = await expectedProductPrice(subgraph.db, reduced, 'UK');
    expect(withCompareAt?.compareAtPrice).toEqual({ amount: expected.compare_at, currency: 'GBP' });
    expect(without?.compareAtPrice).toBeNull();
  });
});

describe('ProductVariant prices', () => {
  it('are the variant’s own price and compare-at price in the market', async () => {
    const rows = await subgraph.db.query<{
      variant_id: number;
      amount: string;
      compare_at_amount: string | null;
    }>(
      `(SELECT variant_id, amount::text AS amount, compare_at_amount::text AS compare_at_amount
        FROM pricing.price WHERE market = 'EU' AND compare_at_amount IS NOT NULL ORDER BY variant_id LIMIT 1)
       UNION ALL
       (SELECT variant_id, amount::text, compare_at_amount::text
        FROM pricing.price WHERE market = 'EU' AND compare_at_amount IS NULL ORDER BY variant_id LIMIT 1)`,
    );
    expect(rows.map((r) => r.compare_at_amount === null)).toEqual([false, true]);
    const answer = await entities(
      rows.map((r) => ({ __typename: 'ProductVariant', id: String(r.variant_id) })),
      'EU',
    );
    expect(answer).toEqual(
      rows.map((r) => ({
        id: String(r.variant_id),
        price: { amount: r.amount, currency: 'EUR' },
        compareAtPrice:
          r.compare_at_amount === null ? null : { amount: r.compare_at_amount, currency: 'EUR' },
      })),
    );
  });
});

describe('Product.promotions', () => {
  it('lists the running promotions of the market, biggest first, leaving out ended and future ones', async () => {
    // 105 ≡ 0 mod 7, 5 and 3: in the US Weekend deal (running), Summer sale (ended), Spring preview (future).
    const titles = await promotionTitles(subgraph.db, 105, 'US');
    expect(titles.notRunning.length).toBeGreaterThanOrEqual(2);
    const [answer, twoRunning] = await entities([product(105), product(77)], 'US');
    expect(answer?.promotions?.map((p) => p.title)).toEqual(titles.running);
    expect(twoRunning?.promotions?.map((p) => [p.title, p.percentOff])).toEqual([
      ['Member week', 25],
      ['Weekend deal', 15],
    ]);
    expect(Date.parse(answer?.promotions?.[0]?.endsAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('belong to one market: another market’s promotions do not show', async () => {
    expect((await promotionTitles(subgraph.db, 77, 'EU')).running).toEqual([]);
    const [answer] = await entities([product(77)], 'EU');
    expect(answer?.promotions).toEqual([]);
  });
});

describe('_entities', () => {
  it('answers null without errors for unknown, malformed or out-of-range ids', async () => {
    const answer = await entities([
      product(999_999),
      { __typename: 'Product', id: '-3' },
      { __typename: 'Product', id: '99999999999' },
      { __typename: 'ProductVariant', id: '3000000000' },
      { __typename: 'ProductVariant', id: '19' },
    ]);
    expect(answer).toEqual([null, null, null, null, null]);
  });

  it('runs the same statements for 5 and for 20 representations, none twice', () =>
    expectBatched(subgraph, (count) => entities(productsAndFirstVariants(count)), 3));
});
