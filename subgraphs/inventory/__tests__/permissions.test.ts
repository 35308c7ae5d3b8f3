import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { itRequiresAdmin } from '../../shared/testing/itRequiresAdmin.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { shopper } from '../../shared/testing/viewers.js';
import { inventory } from '../index.js';

const ADJUST = `mutation($v: ID!, $w: String!, $d: Int!) {
  adjustStock(variantId: $v, warehouseCode: $w, delta: $d) { quantity inStock warehouse { code name country } } }`;
const PUBLIC_READ = `query($r: [_Any!]!) {
  warehouses { code name country }
  _entities(representations: $r) {
    ... on Product { id availability { ...Availability } shippingEstimate { minDays maxDays warehouse { code } } }
    ... on ProductVariant { id availability { ...Availability } } }
  _service { sdl } }
  fragment Availability on Availability { inStock quantity warehouses { quantity inStock warehouse { code } } }`;
const REPRESENTATIONS = [
  { __typename: 'Product', id: '5', weightGrams: 1200 },
  { __typename: 'ProductVariant', id: '51' },
];

const subgraph = serveForTest(inventory);

describe('inventory permissions', () => {
  it('gives every field of the schema a rule of its own', () => {
    expect(fieldsWithoutRule(createSubgraphSchema(inventory), inventory.permissions)).toEqual([]);
  });

  it('serves every public read to anonymous callers, and to viewers without reading who they are', async () => {
    const anonymous = await subgraph.requestRaw(PUBLIC_READ, { r: REPRESENTATIONS });
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data?.['warehouses']).toHaveLength(3);
    const signedIn = await subgraph.requestRaw(PUBLIC_READ, { r: REPRESENTATIONS }, { viewer: shopper });
    expect(signedIn.body).toEqual(anonymous.body);
    expect(signedIn.headers.get('x-commerce-vary')).toBe('market');
  });

  describe('Mutation.adjustStock', () => {
    itRequiresAdmin(subgraph, ADJUST, { v: '31', w: 'US-EAST', d: 1 }, 'adjust stock', (response) => {
      expect(response.errors).toBeUndefined();
      expect(response.data?.['adjustStock']).toMatchObject({
        inStock: true,
        warehouse: { code: 'US-EAST', country: 'US' },
      });
    });
  });
});
