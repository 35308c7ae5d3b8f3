import type { Viewer } from '../../../contracts/requestContext.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { customer } from '../index.js';

const ME = `{ me { id firstName lastName email segment
  addresses { id line1 line2 city postalCode country isDefault }
  wishlist { count items { product { id } addedAt } } } }`;
const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Customer { id email segment } }
}`;

const viewer = (customerId: string, roles: string[] = []): Viewer => ({ customerId, segment: null, roles });
const ref = (id: string) => ({ r: [{ __typename: 'Customer', id }] });

describe('Customer', () => {
  const subgraph = serveForTest(customer);

  describe('Query.me', () => {
    it('answers null without error when anonymous', async () => {
      expect(await subgraph.request(ME)).toEqual({ data: { me: null } });
    });

    it("answers the viewer's seeded record, addresses and wishlist newest first", async () => {
      const { data, errors } = await subgraph.request(ME, {}, { viewer: viewer('3') });
      expect(errors).toBeUndefined();
      expect(data?.['me']).toMatchObject({
        id: '3',
        firstName: 'Chloe',
        lastName: 'Weber',
        email: 'chloe.weber.3@example.com',
        segment: 'new',
        addresses: [
          {
            id: '31',
            line1: 'Bahnhofstraße 47',
            line2: 'Apt 4',
            city: 'Berlin',
            postalCode: '10112',
            country: 'DE',
            isDefault: true,
          },
        ],
        wishlist: {
          count: 3,
          items: [{ product: { id: '112' } }, { product: { id: '213' } }, { product: { id: '314' } }],
        },
      });
    });

    it('answers null when the viewer names no customer', async () => {
      for (const id of ['4000', 'abc']) {
        expect(await subgraph.request(ME, {}, { viewer: viewer(id) })).toEqual({ data: { me: null } });
      }
    });
  });

  describe('_entities', () => {
    it('lets a customer read their own record', async () => {
      const response = await subgraph.request(ENTITIES, ref('3'), { viewer: viewer('3') });
      expect(response).toEqual({
        data: { _entities: [{ id: '3', email: 'chloe.weber.3@example.com', segment: 'new' }] },
      });
    });

    it('forbids reading another customer with the same error whether or not the id exists', async () => {
      const existing = await subgraph.request(ENTITIES, ref('4'), { viewer: viewer('3') });
      const missing = await subgraph.request(ENTITIES, ref('4000'), { viewer: viewer('3') });
      expect(existing.data).toEqual({ _entities: [null] });
      expect(existing.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(missing).toEqual(existing);
      expect(JSON.stringify(existing)).not.toMatch(/david|wilson|4000|exist/i);
    });

    it('asks anonymous callers to sign in', async () => {
      const { data, errors } = await subgraph.request(ENTITIES, ref('3'));
      expect(data).toEqual({ _entities: [null] });
      expect(errors?.map((e) => e.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    });

    it('lets an admin read any customer, and answers null for an unknown id', async () => {
      const response = await subgraph.request(
        ENTITIES,
        {
          r: [
            { __typename: 'Customer', id: '4' },
            { __typename: 'Customer', id: '4000' },
          ],
        },
        { viewer: viewer('1', ['admin']) },
      );
      expect(response).toEqual({
        data: { _entities: [{ id: '4', email: 'david.wilson.4@example.com', segment: 'regular' }, null] },
      });
    });
  });
});
