import type { Viewer } from '../../../contracts/requestContext.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { customer } from '../index.js';

const IN_WISHLIST = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { id inWishlist } }
}`;

const customer3: Viewer = { customerId: '3', segment: 'new', roles: [] };
const products = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: 'Product', id })) });

describe('Product.inWishlist', () => {
  const subgraph = serveForTest(customer);

  it("tells which products are on the viewer's wishlist", async () => {
    const response = await subgraph.request(IN_WISHLIST, products(['112', '1', '314', '213']), {
      viewer: customer3,
    });
    expect(response).toEqual({
      data: {
        _entities: [
          { id: '112', inWishlist: true },
          { id: '1', inWishlist: false },
          { id: '314', inWishlist: true },
          { id: '213', inWishlist: true },
        ],
      },
    });
  });

  it('answers false for everything and runs no statement when anonymous', async () => {
    const response = await subgraph.request(IN_WISHLIST, products(['112', '213']));
    expect(response.data).toEqual({
      _entities: [
        { id: '112', inWishlist: false },
        { id: '213', inWishlist: false },
      ],
    });
    expect(subgraph.reports.at(-1)?.statements).toEqual([]);
  });

  it('answers false for ids no product can have', async () => {
    const response = await subgraph.request(IN_WISHLIST, products(['abc', '0', '99999999999']), {
      viewer: customer3,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.['_entities']).toEqual([
      { id: 'abc', inWishlist: false },
      { id: '0', inWishlist: false },
      { id: '99999999999', inWishlist: false },
    ]);
  });

  it('runs one statement for 5 and for 20 products', async () => {
    const counts: number[] = [];
    for (const size of [5, 20]) {
      const ids = Array.from({ length: size }, (_, i) => String(100 + i * 7));
      const response = await subgraph.request(IN_WISHLIST, products(ids), { viewer: customer3 });
      expect(response.errors).toBeUndefined();
      const { statements } = subgraph.reports.at(-1)!;
      expect(new Set(statements).size).toBe(statements.length);
      counts.push(statements.length);
    }
    expect(counts).toEqual([1, 1]);
  });
});
