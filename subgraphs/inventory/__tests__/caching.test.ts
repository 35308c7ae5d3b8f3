import { serveForTest } from '../../shared/testing/serveForTest.js';
import { admin } from '../../shared/testing/viewers.js';
import { inventory } from '../index.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { availability { inStock warehouses { quantity warehouse { code } } } }
  ... on ProductVariant { availability { quantity } } } }`;
const SHIPPING = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { shippingEstimate { minDays warehouse { code } } } } }`;
const ADJUST = `mutation($v: ID!, $w: String!, $d: Int!) { adjustStock(variantId: $v, warehouseCode: $w, delta: $d) {
  quantity } }`;

const subgraph = serveForTest(inventory);

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
