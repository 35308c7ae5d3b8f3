import type { Viewer } from '../../../contracts/requestContext.js';
import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import type { Database } from '../../shared/database/Database.js';
import { PgliteDatabase } from '../../shared/database/PgliteDatabase.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { startTestSubgraph, type TestSubgraph } from '../../shared/testing/subgraphHarness.js';
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

const admin: Viewer = { customerId: '7', segment: null, roles: ['admin'] };
const shopper: Viewer = { customerId: '8', segment: 'vip', roles: [] };

let db: Database;
let subgraph: TestSubgraph;
beforeAll(async () => {
  db = await PgliteDatabase.open();
  subgraph = await startTestSubgraph(pricing, db);
});
afterAll(async () => {
  await subgraph?.stop();
  await db?.close();
});

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

    it('asks anonymous callers to sign in and refuses customers, before any statement runs', async () => {
      for (const [viewer, code] of [
        [null, 'UNAUTHENTICATED'],
        [shopper, 'FORBIDDEN'],
      ] as const) {
        const { data, errors } = await subgraph.request(SET_PRICE, { input }, { viewer });
        expect(data).toBeNull();
        expect(errors?.map((error) => error.extensions?.['code'])).toEqual([code]);
        expect(subgraph.reports.at(-1)?.statements).toEqual([]);
      }
    });

    it('lets an admin set a price', async () => {
      const response = await subgraph.request(SET_PRICE, { input }, { viewer: admin });
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
