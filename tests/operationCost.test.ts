import { ErrorCode } from '../contracts/errors.js';
import { operation, startStack, type Stack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const WISHLIST_OF_RELATED = `{
  me { wishlist { items { product { related(limit: 24) { related(limit: 10) { id name } } } } } }
}`;

describe('the cost limit through the gateway', () => {
  it('refuses a wishlist of related products by the declared 100-item bound, before any subgraph call', async () => {
    const token = await stack.token('3');
    const calls = stack.reports.length;
    const { status, body } = await stack.post(WISHLIST_OF_RELATED, {}, { token });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          'Query cost 50603 exceeds the limit of 10000. Most expensive lists: ' +
          'me.wishlist.items (size 100, cost 50601), ' +
          'me.wishlist.items.product.related (size 24, cost 50500), ' +
          'me.wishlist.items.product.related.related (size 10, cost 50400).',
        extensions: expect.objectContaining({ code: ErrorCode.OperationTooComplex }),
      }),
    ]);
    expect(body.data).toBeUndefined();
    expect(stack.reports.length).toBe(calls);
  });

  it('answers the same wishlist with fewer related products, which stays under the limit', async () => {
    const { status, body } = await stack.post<{
      me: { wishlist: { items: { product: { related: { id: string }[] } }[] } };
    }>(
      '{ me { wishlist { items { product { related(limit: 8) { id } } } } } }',
      {},
      { token: await stack.token('3') },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // Customer 3 has 3 % 7 = 3 items, each with some (at most 8) related products.
    const items = body.data!.me.wishlist.items;
    expect(items).toHaveLength(3);
    for (const { product } of items) expect(product.related.length).toBeGreaterThan(0);
    for (const { product } of items) expect(product.related.length).toBeLessThanOrEqual(8);
  });

  it.each([
    ['HomePage', {}],
    ['CategoryPage', { slug: 'outdoor-camping', first: 24 }],
    ['ProductPage', { slug: 'classic-raincoat-alpha-42' }],
  ] as const)('still runs %s for a signed-in customer', async (name, variables) => {
    const { status, body } = await stack.post(await operation(name), variables, {
      token: await stack.token('3'),
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
