import { expectBatched } from '../../shared/testing/expectBatched.js';
import { productsAndFirstVariants } from '../../shared/testing/representations.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { inventory } from '../index.js';
import { expectedAvailability, productStockedIn } from './seededStock.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id availability { ...Availability }
    shippingEstimate { minDays maxDays warehouse { code } } }
  ... on ProductVariant { id availability { ...Availability } } } }
  fragment Availability on Availability {
    inStock quantity warehouses { quantity inStock warehouse { code } } }`;

type Entity = { id: string; availability: unknown; shippingEstimate?: unknown } | null;

const subgraph = serveForTest(inventory);
const entities = (representations: object[]) => resolveEntities<Entity>(subgraph, ENTITIES, representations);

describe('Product.availability', () => {
  it('equals the per-warehouse sums of the seeded stock rows', async () => {
    const ids = [1, 2, 3, 4, 10, 20, 37];
    const answer = await entities(ids.map((id) => ({ __typename: 'Product', id: String(id) })));
    for (const [index, id] of ids.entries()) {
      expect(answer[index]?.availability).toEqual(await expectedAvailability(subgraph.db, 'product_id', id));
    }
    expect(answer.map((e) => e?.id)).toEqual(ids.map(String));
  });

  it('reports a sold-out product as out of stock everywhere', async () => {
    const [product] = await entities([
      { __typename: 'Product', id: await productStockedIn(subgraph.db, []) },
    ]);
    expect(product?.availability).toMatchObject({ inStock: false, quantity: 0 });
  });
});

describe('ProductVariant.availability', () => {
  it('equals the seeded stock rows of that variant', async () => {
    const answer = await entities(
      [31, 32, 12].map((id) => ({ __typename: 'ProductVariant', id: String(id) })),
    );
    expect(answer.map((e) => e?.availability)).toEqual([
      await expectedAvailability(subgraph.db, 'variant_id', 31),
      await expectedAvailability(subgraph.db, 'variant_id', 32),
      await expectedAvailability(subgraph.db, 'variant_id', 12),
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

  it('runs the same statements for 5 and for 20 representations, none twice', () =>
    expectBatched(subgraph, (count) => entities(productsAndFirstVariants(count)), 2));
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
