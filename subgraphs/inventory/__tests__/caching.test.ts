import type { Viewer } from '../../../contracts/requestContext.js';
import { PgliteDatabase } from '../../shared/database/PgliteDatabase.js';
import { startTestSubgraph, type TestSubgraph } from '../../shared/testing/subgraphHarness.js';
import { inventory } from '../index.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { availability { inStock warehouses { quantity warehouse { code } } } }
  ... on ProductVariant { availability { quantity } } } }`;
const SHIPPING = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { shippingEstimate { minDays warehouse { code } } } } }`;
const ADJUST = `mutation($v: ID!, $w: String!, $d: Int!) { adjustStock(variantId: $v, warehouseCode: $w, delta: $d) {
  quantity } }`;

const admin: Viewer = { customerId: '7', segment: null, roles: ['admin'] };

let db: PgliteDatabase;
let subgraph: TestSubgraph;
beforeAll(async () => {
  db = await PgliteDatabase.open();
  subgraph = await startTestSubgraph(inventory, db);
});
afterAll(async () => {
  await subgraph?.stop();
  await db?.close();
});

describe('inventory caching', () => {
  it('answers stock with max-age=30, public and no vary header: stock is the same in every market', async () => {
    const r = [
      { __typename: 'Product', id: '4' },
      { __typename: 'ProductVariant', id: '41' },
    ];
    const { headers, body } = await subgraph.requestRaw(ENTITIES, { r }, { market: 'EU' });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=30, public');
    expect(headers.get('x-commerce-vary')).toBeNull();
    expect(body.extensions?.['cacheTags']).toEqual(['Product:4', 'ProductVariant:41']);
  });

  it('varies a shipping estimate by market, which picks the warehouse', async () => {
    const r = [{ __typename: 'Product', id: '3', weightGrams: 1200 }];
    const { headers } = await subgraph.requestRaw(SHIPPING, { r }, { market: 'UK' });
    expect(headers.get('x-commerce-vary')).toBe('market');
    expect(headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('declares the variant and its product changed after adjustStock', async () => {
    const { body } = await subgraph.requestRaw(ADJUST, { v: '31', w: 'US-EAST', d: 3 }, { viewer: admin });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.['invalidatesTags']).toEqual(['ProductVariant:31', 'Product:3']);
  });

  it('declares nothing changed when adjustStock changes nothing', async () => {
    const { body } = await subgraph.requestRaw(ADJUST, { v: '31', w: 'NOWHERE', d: 3 }, { viewer: admin });
    expect(body.errors?.[0]?.extensions?.['argumentName']).toBe('warehouseCode');
    expect(body.extensions?.['invalidatesTags']).toBeUndefined();
  });
});
