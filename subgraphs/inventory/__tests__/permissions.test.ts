import type { Viewer } from '../../../contracts/requestContext.js';
import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import type { Database } from '../../shared/database/Database.js';
import { PgliteDatabase } from '../../shared/database/PgliteDatabase.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { startTestSubgraph, type TestSubgraph } from '../../shared/testing/subgraphHarness.js';
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

const admin: Viewer = { customerId: '7', segment: null, roles: ['admin'] };
const shopper: Viewer = { customerId: '8', segment: 'vip', roles: [] };

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
    const variables = { v: '31', w: 'US-EAST', d: 1 };

    it('asks anonymous callers to sign in and refuses customers, before any statement runs', async () => {
      for (const [viewer, code] of [
        [null, 'UNAUTHENTICATED'],
        [shopper, 'FORBIDDEN'],
      ] as const) {
        const { data, errors } = await subgraph.request(ADJUST, variables, { viewer });
        expect(data).toBeNull();
        expect(errors?.map((error) => error.extensions?.['code'])).toEqual([code]);
        expect(subgraph.reports.at(-1)?.statements).toEqual([]);
      }
    });

    it('lets an admin adjust stock', async () => {
      const response = await subgraph.request(ADJUST, variables, { viewer: admin });
      expect(response.errors).toBeUndefined();
      expect(response.data?.['adjustStock']).toMatchObject({
        inStock: true,
        warehouse: { code: 'US-EAST', country: 'US' },
      });
    });
  });
});
