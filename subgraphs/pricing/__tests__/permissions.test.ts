import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { itRequiresAdmin } from '../../shared/testing/itRequiresAdmin.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { shopper } from '../../shared/testing/viewers.js';
import { pricing } from '../index.js';

const SET_PRICE = `mutation($input: SetPriceInput!) { setPrice(input: $input) {
  variantId market price { amount currency } compareAtPrice { amount currency } } }`;
const PUBLIC_READ = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Product { id price { ...Money } compareAtPrice { ...Money } priceRange { min { ...Money } max { ...Money } }
      promotions { id title percentOff startsAt endsAt } }
    ... on ProductVariant { id price { ...Money } compareAtPrice { ...Money } } }
  _service { sdl } }
  fragment Money on Money { amount currency }`;
const REPRESENTATIONS = [
  { __typename: 'Product', id: '5' },
  { __typename: 'ProductVariant', id: '51' },
];

const subgraph = serveForTest(pricing);

describe('pricing permissions', () => {
  it('gives every field of the schema a rule of its own', () => {
    expect(fieldsWithoutRule(createSubgraphSchema(pricing), pricing.permissions)).toEqual([]);
  });

  it('serves every public read to anonymous callers, and to viewers without reading who they are', async () => {
    const anonymous = await subgraph.requestRaw(PUBLIC_READ, { r: REPRESENTATIONS });
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data?.['_entities']).toMatchObject([
      { id: '5', price: { currency: 'USD' } },
      { id: '51', price: { currency: 'USD' } },
    ]);
    const signedIn = await subgraph.requestRaw(PUBLIC_READ, { r: REPRESENTATIONS }, { viewer: shopper });
    expect(signedIn.body).toEqual(anonymous.body);
    expect(signedIn.headers.get('x-commerce-vary')).toBe('market');
  });

  describe('Mutation.setPrice', () => {
    const input = { variantId: '41', market: 'UK', amount: '12.34' };

    itRequiresAdmin(subgraph, SET_PRICE, { input }, 'set a price', (response) => {
      expect(response).toEqual({
        data: {
          setPrice: {
            variantId: '41',
            market: 'UK',
            price: { amount: '12.34', currency: 'GBP' },
            compareAtPrice: null,
          },
        },
      });
    });
  });
});
