import type { MarketCode } from '../../../contracts/requestContext.js';
import type { Database } from '../../shared/database/Database.js';
import { PgliteDatabase } from '../../shared/database/PgliteDatabase.js';
import { startTestSubgraph, type TestSubgraph } from '../../shared/testing/subgraphHarness.js';
import { inventory } from '../index.js';
import { expectedAvailability, productStockedIn } from './seededStock.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id availability { ...Availability }
    shippingEstimate { minDays maxDays warehouse { code } } }
  ... on ProductVariant { id availability { ...Availability } } } }
  fragment Availability on Availability {
    inStock quantity warehouses { quantity inStock warehouse { code } } }`;

type Entity = { id: string; availability: unknown; shippingEstimate?: unknown } | null;

let db: Database;
let subgraph: TestSubgraph;
beforeAll(async () => {
  db = await PgliteDatabase.open();
  subgraph = await startTestSubgraph(inventory, db);
});
afterAll(async () => {
  await subgraph?.stop();
  await db?.close();
});

async function entities(representations: object[], market: MarketCode = 'US'): Promise<Entity[]> {
  const response = await subgraph.request<{ _entities: Entity[] }>(
    ENTITIES,
    { r: representations },
    { market },
  );
  expect(response.errors).toBeUndefined();
  return response.data?._entities ?? [];
}

describe('Product.availability', () => {
  it('equals the per-warehouse sums of the seeded stock rows', async () => {
    const ids = [1, 2, 3, 4, 10, 20, 37];
    const answer = await entities(ids.map((id) => ({ __typename: 'Product', id: String(id) })));
    for (const [index, id] of ids.entries()) {
      expect(answer[index]?.availability).toEqual(await expectedAvailability(db, 'product_id', id));
    }
    expect(answer.map((e) => e?.id)).toEqual(ids.map(String));
  });

  it('reports a sold-out product as out of stock everywhere', async () => {
    const [product] = await entities([{ __typename: 'Product', id: await productStockedIn(db, []) }]);
    expect(product?.availability).toMatchObject({ inStock: false, quantity: 0 });
  });
});

describe('ProductVariant.availability', () => {
  it('equals the seeded stock rows of that variant', async () => {
    const answer = await entities(
      [31, 32, 12].map((id) => ({ __typename: 'ProductVariant', id: String(id) })),
    );
    expect(answer.map((e) => e?.availability)).toEqual([
      await expectedAvailability(db, 'variant_id', 31),
      await expectedAvailability(db, 'variant_id', 32),
      await expectedAvailability(db, 'variant_id', 12),
    ]);
  });
});

describe('_entities', () => {
  it('answers null without errors for unknown, malformed or out-of-range ids', async () => {
    const answer = await entities([
      { __typename: 'Product', id: '999999' },
      { __typename: 'Product', id: 'abc' },
      { __typename: 'Product', id: '99999999999' },
      { __typename: 'ProductVariant', id: '3000000000' },
      { __typename: 'ProductVariant', id: '19' },
    ]);
    expect(answer).toEqual([null, null, null, null, null]);
  });

  it('runs the same statements for 5 and for 20 representations, none twice', async () => {
    const statementsFor = async (count: number) => {
      const products = Array.from({ length: count }, (_, i) => ({
        __typename: 'Product',
        id: String(i + 1),
      }));
      const variants = Array.from({ length: count }, (_, i) => ({
        __typename: 'ProductVariant',
        id: String((i + 1) * 10 + 1),
      }));
      await entities([...products, ...variants]);
      return subgraph.reports.at(-1)?.statements ?? [];
    };
    const five = await statementsFor(5);
    const twenty = await statementsFor(20);
    expect(twenty).toHaveLength(2);
    expect(twenty).toEqual(five);
    expect(new Set(twenty).size).toBe(twenty.length);
  });
});

describe('Query.warehouses', () => {
  it('lists the three warehouses in MARKETS order with their countries', async () => {
    const response = await subgraph.request<{ warehouses: unknown[] }>(
      '{ warehouses { code name country } }',
    );
    expect(response.data?.warehouses).toEqual([
      { code: 'US-EAST', name: expect.stringContaining('US'), country: 'US' },
      { code: 'EU-CENTRAL', name: expect.stringContaining('EU'), country: 'DE' },
      { code: 'UK-SOUTH', name: expect.stringContaining('UK'), country: 'GB' },
    ]);
  });
});
