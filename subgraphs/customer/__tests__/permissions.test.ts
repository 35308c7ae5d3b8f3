import { execute, getNamedType, isObjectType, parse } from 'graphql';
import type { RequestContext, Viewer } from '../../../contracts/requestContext.js';
import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import type { CustomerRow } from '../db.js';
import { customer } from '../index.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }`;
const ME = `{ me { id firstName email segment addresses { id } wishlist { count } } }`;
const ADD = `mutation($p: ID!) { addToWishlist(productId: $p) { count } }`;
const REMOVE = `mutation($p: ID!) { removeFromWishlist(productId: $p) { count } }`;

const viewer = (customerId: string, roles: string[] = []): Viewer => ({ customerId, segment: null, roles });
const ref = (id: string) => ({ __typename: 'Customer', id });

const subgraph = serveForTest(customer);

describe('customer permissions', () => {
  it('gives every field of the schema a rule of its own', () => {
    expect(fieldsWithoutRule(createSubgraphSchema(customer), customer.permissions)).toEqual([]);
  });

  describe('_entities', () => {
    it('answers a customer their own record, and the same FORBIDDEN for another’s and an unknown id', async () => {
      const response = await subgraph.request(
        ENTITIES,
        { r: [ref('3'), ref('4'), ref('4000')] },
        {
          viewer: viewer('3'),
        },
      );
      expect(response.data).toEqual({
        _entities: [{ id: '3', email: 'chloe.weber.3@example.com' }, null, null],
      });
      const [other, unknown, ...rest] = response.errors ?? [];
      expect(rest).toEqual([]);
      expect(other?.path).toEqual(['_entities', 1]);
      expect(unknown?.path).toEqual(['_entities', 2]);
      expect(other?.extensions).toEqual({ code: 'FORBIDDEN' });
      expect({ ...unknown, path: null }).toEqual({ ...other, path: null });
      expect(JSON.stringify(response.errors)).not.toMatch(/david|wilson|4000|exist|found/i);
      // Refused before any lookup: the one statement loads customer 3 only.
      expect(subgraph.reports.at(-1)?.statements).toHaveLength(1);
    });

    it('asks anonymous callers to sign in, alike for known and unknown ids', async () => {
      const { data, errors } = await subgraph.request(ENTITIES, { r: [ref('3'), ref('4000')] });
      expect(data).toEqual({ _entities: [null, null] });
      expect(errors?.map((error) => [error.message, error.extensions])).toEqual([
        ['Sign in to do this.', { code: 'UNAUTHENTICATED' }],
        ['Sign in to do this.', { code: 'UNAUTHENTICATED' }],
      ]);
    });
  });

  describe('Query.me', () => {
    it('answers each viewer their own record', async () => {
      const chloe = await subgraph.requestRaw(ME, undefined, { viewer: viewer('3') });
      const five = await subgraph.requestRaw(ME, undefined, { viewer: viewer('5') });
      expect(chloe.body.errors).toBeUndefined();
      expect(five.body.errors).toBeUndefined();
      expect(chloe.body.data?.['me']).toMatchObject({ id: '3', email: 'chloe.weber.3@example.com' });
      expect(five.body.data?.['me']).toMatchObject({
        id: '5',
        email: expect.stringMatching(/\.5@example\.com$/),
      });
      expect(chloe.headers.get('x-commerce-vary')).toBe('viewer');
    });

    it('answers null without error when anonymous', async () => {
      expect(await subgraph.request(ME)).toEqual({ data: { me: null } });
    });
  });

  describe('Customer fields', () => {
    // Chloe's record, however a future resolver might reach it: every field must still check who asks.
    const chloe: CustomerRow = { id: 3, firstName: 'Chloe', lastName: 'Weber', email: 'e', segment: 'new' };
    const schema = createSubgraphSchema(customer);
    const customerType = schema.getType('Customer');
    const fields = isObjectType(customerType) ? Object.values(customerType.getFields()) : [];

    function meAs(who: Viewer, field: (typeof fields)[number]) {
      const selection = isObjectType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name;
      const request: RequestContext = {
        locale: 'en-US',
        market: 'US',
        currency: 'USD',
        viewer: who,
        segment: null,
      };
      const loaders = {
        customerById: { load: async () => chloe },
        addressesByCustomer: { load: async () => [] },
      };
      return execute({
        schema,
        document: parse(`{ me { ${selection} } }`),
        contextValue: { request, loaders, db: subgraph.db, invalidate: () => {} },
      });
    }

    it('refuses every field to other customers', async () => {
      expect(fields.map((field) => field.name)).toHaveLength(7);
      for (const field of fields) {
        const { data, errors } = await meAs(viewer('4'), field);
        expect(data).toEqual({ me: null });
        expect(errors?.map((error) => [error.path, error.extensions['code']])).toEqual([
          [['me', field.name], 'FORBIDDEN'],
        ]);
      }
    });

    it('answers every field to that customer and to admins', async () => {
      for (const field of fields) {
        for (const who of [viewer('3'), viewer('1', ['admin'])]) {
          expect((await meAs(who, field)).errors).toBeUndefined();
        }
      }
    });
  });

  describe('wishlist', () => {
    it('asks anonymous callers to sign in before changing a wishlist, before any statement runs', async () => {
      for (const mutation of [ADD, REMOVE]) {
        const { data, errors } = await subgraph.request(mutation, { p: '1' });
        // Only the refused field is null; `data` stays for any other field of the mutation.
        expect(data && Object.values(data)).toEqual([null]);
        expect(errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
        expect(subgraph.reports.at(-1)?.statements).toEqual([]);
      }
    });

    it('answers inWishlist false to anonymous callers', async () => {
      const response = await subgraph.request(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id inWishlist } } }`,
        { r: [{ __typename: 'Product', id: '112' }] },
      );
      expect(response).toEqual({ data: { _entities: [{ id: '112', inWishlist: false }] } });
    });
  });
});
