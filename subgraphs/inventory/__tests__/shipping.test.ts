import type { MarketCode } from '../../../contracts/requestContext.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { inventory } from '../index.js';
import { productStockedIn, warehousesStocking } from './seededStock.js';

const SHIPPING = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { shippingEstimate { minDays maxDays warehouse { code } } } } }`;

type Estimate = { minDays: number; maxDays: number; warehouse: { code: string } | null };

const subgraph = serveForTest(inventory);

/** The estimate for one product representation, as the gateway would send it after asking the catalog. */
async function estimate(representation: object, market: MarketCode): Promise<Estimate | undefined> {
  const [product] = await resolveEntities<{ shippingEstimate: Estimate }>(
    subgraph,
    SHIPPING,
    [{ __typename: 'Product', ...representation }],
    { market },
  );
  return product?.shippingEstimate;
}

describe('Product.shippingEstimate', () => {
  it('ships from the market’s own warehouse in 1-3 days, two more above 15 kg', async () => {
    expect(await warehousesStocking(subgraph.db, 3)).toEqual(['EU-CENTRAL', 'UK-SOUTH', 'US-EAST']);
    const [light, heavy] = [
      { id: '3', weightGrams: 1000 },
      { id: '3', weightGrams: 16000 },
    ];
    expect(await estimate(light, 'US')).toEqual({ minDays: 1, maxDays: 3, warehouse: { code: 'US-EAST' } });
    expect(await estimate(heavy, 'US')).toEqual({ minDays: 3, maxDays: 5, warehouse: { code: 'US-EAST' } });
    expect(await estimate(heavy, 'EU')).toEqual({
      minDays: 3,
      maxDays: 5,
      warehouse: { code: 'EU-CENTRAL' },
    });
    expect(await estimate(heavy, 'UK')).toEqual({ minDays: 3, maxDays: 5, warehouse: { code: 'UK-SOUTH' } });
  });

  it('adds one day above 5 kg and none at exactly 5 kg', async () => {
    expect(await estimate({ id: '3', weightGrams: 5001 }, 'US')).toMatchObject({ minDays: 2, maxDays: 4 });
    expect(await estimate({ id: '3', weightGrams: 5000 }, 'US')).toMatchObject({ minDays: 1, maxDays: 3 });
  });

  it('ships across the border in 4-8 days when only another market’s warehouse has stock', async () => {
    const euOnly = await productStockedIn(subgraph.db, ['EU-CENTRAL']);
    expect(await estimate({ id: euOnly, weightGrams: 100 }, 'US')).toEqual({
      minDays: 4,
      maxDays: 8,
      warehouse: { code: 'EU-CENTRAL' },
    });
    expect(await estimate({ id: euOnly, weightGrams: 100 }, 'EU')).toEqual({
      minDays: 1,
      maxDays: 3,
      warehouse: { code: 'EU-CENTRAL' },
    });
  });

  it('picks the first stocked warehouse in MARKETS order when the own one is empty', async () => {
    const notUs = await productStockedIn(subgraph.db, ['EU-CENTRAL', 'UK-SOUTH']);
    expect(await estimate({ id: notUs, weightGrams: 100 }, 'US')).toMatchObject({
      warehouse: { code: 'EU-CENTRAL' },
    });
    const notUk = await productStockedIn(subgraph.db, ['US-EAST', 'EU-CENTRAL']);
    expect(await estimate({ id: notUk, weightGrams: 100 }, 'UK')).toMatchObject({
      minDays: 4,
      warehouse: { code: 'US-EAST' },
    });
  });

  it('gives a 10-20 day backorder estimate without a warehouse when nothing is in stock', async () => {
    const soldOut = await productStockedIn(subgraph.db, []);
    expect(await estimate({ id: soldOut, weightGrams: 100 }, 'EU')).toEqual({
      minDays: 10,
      maxDays: 20,
      warehouse: null,
    });
    expect(await estimate({ id: soldOut, weightGrams: 20000 }, 'EU')).toMatchObject({
      minDays: 12,
      maxDays: 22,
    });
  });

  it('treats a missing or malformed weight as unknown: no extra days, no error', async () => {
    for (const weightGrams of [undefined, 'heavy', -5, 1.5, null]) {
      expect(await estimate({ id: '3', weightGrams }, 'US')).toMatchObject({ minDays: 1, maxDays: 3 });
    }
  });

  it('costs no statement beyond loading the stock', async () => {
    await estimate({ id: '3', weightGrams: 16000 }, 'US');
    expect(subgraph.reports.at(-1)?.statements).toHaveLength(1);
  });
});
