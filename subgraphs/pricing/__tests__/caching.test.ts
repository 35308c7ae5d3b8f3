import { serveForTest } from '../../shared/testing/serveForTest.js';
import { admin } from '../../shared/testing/viewers.js';
import { pricing } from '../index.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { price { amount } priceRange { min { amount } } promotions { title } }
  ... on ProductVariant { price { amount } } } }`;
const SET_PRICE = `mutation($input: SetPriceInput!) { setPrice(input: $input) { variantId price { amount } } }`;

const subgraph = serveForTest(pricing);

describe('pricing caching', () => {
  const representations = [
    { __typename: 'Product', id: '5' },
    { __typename: 'ProductVariant', id: '31' },
  ];

  it('answers _entities with max-age=60, public, varying by market only', async () => {
    const { headers, body } = await subgraph.requestRaw(ENTITIES, { r: representations }, { market: 'UK' });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=60, public');
    expect(headers.get('x-commerce-vary')).toBe('market');
  });

  it('tags _entities with each representation', async () => {
    const { body } = await subgraph.requestRaw(ENTITIES, { r: representations });
    expect(body.extensions?.['cacheTags']).toEqual(['Product:5', 'ProductVariant:31']);
  });

  it('declares the variant and its product changed after setPrice, and the answer is not cacheable', async () => {
    const { headers, body } = await subgraph.requestRaw(
      SET_PRICE,
      { input: { variantId: '31', market: 'US', amount: '12.34' } },
      { viewer: admin },
    );
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.['invalidatesTags']).toEqual(['ProductVariant:31', 'Product:3']);
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('declares nothing changed when setPrice is refused', async () => {
    const { body } = await subgraph.requestRaw(SET_PRICE, {
      input: { variantId: '31', market: 'US', amount: '1.00' },
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(body.extensions?.['invalidatesTags']).toBeUndefined();
  });
});
