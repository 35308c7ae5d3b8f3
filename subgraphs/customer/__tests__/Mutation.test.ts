import type { Viewer } from '../../../contracts/requestContext.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { customer } from '../index.js';

const ADD = `mutation($p: ID!) { addToWishlist(productId: $p) { count items { product { id } } } }`;
const REMOVE = `mutation($p: ID!) { removeFromWishlist(productId: $p) { count items { product { id } } } }`;
const READ = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { id inWishlist } }
}`;

const viewer = (customerId: string): Viewer => ({ customerId, segment: null, roles: [] });
const customer5 = viewer('5');

type WishlistData = { count: number; items: { product: { id: string } }[] };
const ids = (wishlist: WishlistData | undefined) => wishlist?.items.map((item) => item.product.id);

describe('Mutation', () => {
  const subgraph = serveForTest(customer);

  const inWishlist = (productId: string, who: Viewer) =>
    resolveEntities(subgraph, READ, [{ __typename: 'Product', id: productId }], { viewer: who });

  describe('addToWishlist / removeFromWishlist', () => {
    it('adds a product newest first, once, and the next read sees it', async () => {
      const first = await subgraph.request<{ addToWishlist: WishlistData }>(
        ADD,
        { p: '1' },
        { viewer: customer5 },
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.addToWishlist.count).toBe(6);
      expect(ids(first.data?.addToWishlist)).toEqual(['1', '186', '287', '388', '9', '110']);
      const again = await subgraph.request<{ addToWishlist: WishlistData }>(
        ADD,
        { p: '1' },
        { viewer: customer5 },
      );
      expect(again.data?.addToWishlist.count).toBe(6);
      expect(await inWishlist('1', customer5)).toEqual([{ id: '1', inWishlist: true }]);
      expect(await inWishlist('1', viewer('6'))).toEqual([{ id: '1', inWishlist: false }]);
    });

    it('removes a product, and removing an absent one is not an error', async () => {
      const removed = await subgraph.request<{ removeFromWishlist: WishlistData }>(
        REMOVE,
        { p: '186' },
        {
          viewer: customer5,
        },
      );
      expect(ids(removed.data?.removeFromWishlist)).toEqual(['1', '287', '388', '9', '110']);
      const absent = await subgraph.request(REMOVE, { p: '186' }, { viewer: customer5 });
      expect(absent).toEqual({ data: { removeFromWishlist: removed.data?.removeFromWishlist } });
      expect(await inWishlist('186', customer5)).toEqual([{ id: '186', inWishlist: false }]);
    });

    it('reads its own writes within one request', async () => {
      const response = await subgraph.request(
        `mutation {
          a: addToWishlist(productId: "2") { count }
          b: removeFromWishlist(productId: "2") { count }
        }`,
        {},
        { viewer: viewer('8') },
      );
      // Customer 8 starts with 8 % 7 = 1 item.
      expect(response).toEqual({ data: { a: { count: 2 }, b: { count: 1 } } });
    });

    it('nulls only the mutation field that fails, so the other fields still answer', async () => {
      const response = await subgraph.request(
        `mutation {
          a: addToWishlist(productId: "abc") { count }
          b: addToWishlist(productId: "3") { count }
        }`,
        {},
        { viewer: viewer('11') },
      );
      // Customer 11 starts with 11 % 7 = 4 items, product 3 not among them.
      expect(response.data).toEqual({ a: null, b: { count: 5 } });
      expect(response.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([
        [['a'], 'BAD_USER_INPUT'],
      ]);
    });

    it('rejects product ids that cannot exist as BAD_USER_INPUT', async () => {
      for (const p of ['abc', '0', '-3', '1.5', '99999999999']) {
        const { errors } = await subgraph.request(ADD, { p }, { viewer: customer5 });
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'productId' });
      }
    });

    it('caps a wishlist at 100 products but still accepts one already on it', async () => {
      await subgraph.db.query(
        `INSERT INTO customer.wishlist_item (customer_id, product_id)
         SELECT 7, p FROM generate_series(1, 100) AS p ON CONFLICT DO NOTHING`,
      );
      const full = await subgraph.request(ADD, { p: '400' }, { viewer: viewer('7') });
      expect(full.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const present = await subgraph.request<{ addToWishlist: WishlistData }>(
        ADD,
        { p: '50' },
        {
          viewer: viewer('7'),
        },
      );
      expect(present.data?.addToWishlist.count).toBe(100);
    });

    it('asks anonymous callers and identities without a customer to sign in', async () => {
      for (const who of [undefined, viewer('4000')]) {
        const { data, errors } = await subgraph.request(ADD, { p: '1' }, who ? { viewer: who } : {});
        expect(data).toEqual({ addToWishlist: null });
        expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      }
      const { errors } = await subgraph.request(REMOVE, { p: '1' });
      expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });
});
