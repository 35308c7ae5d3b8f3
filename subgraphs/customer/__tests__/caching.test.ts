import type { Viewer } from '../../../contracts/requestContext.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { customer } from '../index.js';

const ME = `{ me { id firstName wishlist { count items { product { id } } } } }`;
const IN_WISHLIST = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { inWishlist } } }`;
const ADD = `mutation($p: ID!) { addToWishlist(productId: $p) { count } }`;
const REMOVE = `mutation($p: ID!) { removeFromWishlist(productId: $p) { count } }`;

// Customer 3 (see README): wishlist 112, 213, 314.
const chloe: Viewer = { customerId: '3', segment: 'new', roles: [] };

const subgraph = serveForTest(customer);

describe('customer caching', () => {
  it('answers me privately for 60 s, varying by viewer', async () => {
    const { headers, body } = await subgraph.requestRaw(ME, undefined, { viewer: chloe });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=60, private');
    expect(headers.get('x-commerce-vary')).toBe('viewer');
  });

  it('tags me with the customer, the viewer and each wishlisted product', async () => {
    const { body } = await subgraph.requestRaw(ME, undefined, { viewer: chloe });
    expect(body.extensions?.['cacheTags']).toEqual([
      'Customer:3',
      'Product:112',
      'Product:213',
      'Product:314',
      'Viewer:3',
    ]);
  });

  it('never lets inWishlist be cached, and varies it by viewer', async () => {
    const r = [{ __typename: 'Product', id: '112' }];
    const { headers, body } = await subgraph.requestRaw(IN_WISHLIST, { r }, { viewer: chloe });
    expect(body.data).toEqual({ _entities: [{ inWishlist: true }] });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('x-commerce-vary')).toBe('viewer');
  });

  it('answers an anonymous caller publicly, still varying by viewer', async () => {
    const r = [{ __typename: 'Product', id: '112' }];
    const wishlist = await subgraph.requestRaw(IN_WISHLIST, { r });
    expect(wishlist.body.data).toEqual({ _entities: [{ inWishlist: false }] });
    const me = await subgraph.requestRaw(ME);
    expect(me.body.data).toEqual({ me: null });
    // The entity lookup keeps Product's own 60 s; `me` alone is the anonymous hint's 300 s.
    expect(wishlist.headers.get('cache-control')).toBe('max-age=60, public');
    expect(me.headers.get('cache-control')).toBe('max-age=300, public');
    for (const { headers } of [wishlist, me]) expect(headers.get('x-commerce-vary')).toBe('viewer');
  });

  it.each([
    ['addToWishlist', ADD],
    ['removeFromWishlist', REMOVE],
  ])('declares the viewer and the product changed after %s', async (_name, mutation) => {
    const { body } = await subgraph.requestRaw(mutation, { p: '77' }, { viewer: chloe });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.['invalidatesTags']).toEqual(['Viewer:3', 'Product:77']);
  });

  it('declares nothing changed when an anonymous caller is refused', async () => {
    const { body } = await subgraph.requestRaw(ADD, { p: '77' });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(body.extensions?.['invalidatesTags']).toBeUndefined();
  });
});
