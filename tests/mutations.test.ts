import { ErrorCode } from '../contracts/errors.js';
import { operation, startStack, type Stack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const SET_PRICE = `mutation ($input: SetPriceInput!) { setPrice(input: $input) { price { amount currency } } }`;

async function productPage(slug: string, token?: string) {
  const { body } = await stack.post<{
    product: {
      price: { amount: string } | null;
      variants: { id: string; availability: { quantity: number } | null }[];
      inWishlist: boolean | null;
    };
  }>(await operation('ProductPage'), { slug }, token ? { token } : {});
  expect(body.errors).toBeUndefined();
  return body.data!.product;
}

describe('mutations through the gateway', () => {
  it("answers a customer's wishlist change even when another field of the mutation is refused", async () => {
    const [product] = await stack.db.query<{ id: number }>(
      `SELECT p.id FROM catalog.product p
       WHERE NOT EXISTS (SELECT 1 FROM customer.wishlist_item w WHERE w.customer_id = 6 AND w.product_id = p.id)
       ORDER BY p.id LIMIT 1`,
    );
    const { status, body } = await stack.post<{
      a: unknown;
      b: { count: number; items: { product: { id: string } }[] } | null;
    }>(
      `mutation {
        a: setPrice(input: { variantId: "11", market: US, amount: "1.00" }) { price { amount } }
        b: addToWishlist(productId: "${product!.id}") { count items { product { id } } }
      }`,
      {},
      { token: await stack.token('6') },
    );
    expect(status).toBe(200);
    expect(body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([
      [['a'], ErrorCode.Forbidden],
    ]);
    expect(body.data?.a).toBeNull();
    // Customer 6 starts with 6 % 7 = 6 items; the added product is the newest.
    expect(body.data?.b?.count).toBe(7);
    expect(body.data?.b?.items[0]?.product.id).toBe(String(product!.id));
    const stored = await stack.db.query(
      'SELECT 1 FROM customer.wishlist_item WHERE customer_id = 6 AND product_id = $1',
      [product!.id],
    );
    expect(stored).toHaveLength(1);
  });

  it('lets an admin set a price, and the next read shows it', async () => {
    const [product] = await stack.db.query<{ id: number; slug: string }>(
      'SELECT id, slug FROM catalog.product WHERE id = 11',
    );
    const [variant] = await stack.db.query<{ variant_id: number }>(
      "SELECT variant_id FROM pricing.price WHERE product_id = $1 AND market = 'US' ORDER BY variant_id LIMIT 1",
      [product!.id],
    );
    const admin = await stack.token('admin-1', { roles: ['admin'] });
    const input = { variantId: String(variant!.variant_id), market: 'US', amount: '0.49' };
    const { body } = await stack.post(SET_PRICE, { input }, { token: admin });
    expect(body.errors).toBeUndefined();
    expect((await productPage(product!.slug)).price?.amount).toBe('0.49');
  });

  it('refuses price changes to anonymous callers and customers', async () => {
    const input = { variantId: '11', market: 'US', amount: '1.00' };
    const anonymous = await stack.post(SET_PRICE, { input });
    expect(anonymous.body.errors?.[0]?.extensions?.['code']).toBe(ErrorCode.Unauthenticated);
    const customer = await stack.post(SET_PRICE, { input }, { token: await stack.token('3') });
    expect(customer.body.errors?.[0]?.extensions?.['code']).toBe(ErrorCode.Forbidden);
  });

  it('lets an admin adjust stock, and the next read shows it', async () => {
    const [product] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.product WHERE id = 12',
    );
    const before = await productPage(product!.slug);
    const variant = before.variants[0]!;
    const admin = await stack.token('admin-1', { roles: ['admin'] });
    const { body } = await stack.post(
      `mutation { adjustStock(variantId: "${variant.id}", warehouseCode: "US-EAST", delta: 25) { quantity } }`,
      {},
      { token: admin },
    );
    expect(body.errors).toBeUndefined();
    const after = await productPage(product!.slug);
    const updated = after.variants.find((candidate) => candidate.id === variant.id);
    expect(updated?.availability?.quantity).toBe((variant.availability?.quantity ?? 0) + 25);
  });

  it('adds and removes a wishlist item for the signed-in customer', async () => {
    const [product] = await stack.db.query<{ id: number; slug: string }>(
      `SELECT p.id, p.slug FROM catalog.product p
       WHERE NOT EXISTS (SELECT 1 FROM customer.wishlist_item w WHERE w.customer_id = 5 AND w.product_id = p.id)
       ORDER BY p.id LIMIT 1`,
    );
    const token = await stack.token('5');
    expect((await productPage(product!.slug, token)).inWishlist).toBe(false);
    const added = await stack.post(
      `mutation { addToWishlist(productId: "${product!.id}") { count } }`,
      {},
      { token },
    );
    expect(added.body.errors).toBeUndefined();
    expect((await productPage(product!.slug, token)).inWishlist).toBe(true);
    await stack.post(`mutation { removeFromWishlist(productId: "${product!.id}") { count } }`, {}, { token });
    expect((await productPage(product!.slug, token)).inWishlist).toBe(false);
  });
});
