import { readFile } from 'node:fs/promises';
import {
  CategoryPageDocument,
  HomePageDocument,
  ProductPageDocument,
} from '../schema/__generated__/operations.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** The cheapest variant price of each product in a market, straight from the pricing subgraph's tables. */
async function cheapestPrices(productIds: number[], market: string): Promise<Map<number, string>> {
  const rows = await stack.db.query<{ product_id: number; amount: string }>(
    `SELECT product_id, min(amount)::text AS amount FROM pricing.price
     WHERE product_id = ANY($1::int[]) AND market = $2 GROUP BY product_id`,
    [productIds, market],
  );
  return new Map(rows.map((row) => [row.product_id, row.amount]));
}

async function stockTotals(productIds: number[]): Promise<Map<number, number>> {
  const rows = await stack.db.query<{ product_id: number; quantity: number }>(
    `SELECT product_id, sum(quantity)::int AS quantity FROM inventory.stock
     WHERE product_id = ANY($1::int[]) GROUP BY product_id`,
    [productIds],
  );
  return new Map(rows.map((row) => [row.product_id, row.quantity]));
}

async function departmentSlug(): Promise<string> {
  const [row] = await stack.db.query<{ slug: string }>(
    'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY position, id LIMIT 1',
  );
  return row!.slug;
}

describe('CategoryPage through the gateway', () => {
  it('returns a page of 24 products with names, images, prices, stock and badges from four subgraphs', async () => {
    const slug = await departmentSlug();
    const { status, body } = await stack.post(
      CategoryPageDocument,
      { slug },
      { market: 'EU', acceptLanguage: 'de-DE' },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const category = body.data!.category!;
    expect(category.slug).toBe(slug);
    const nodes = category.products.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(24);
    expect(category.products.pageInfo.hasNextPage).toBe(true);

    const ids = nodes.map((node) => Number(node.id));
    const names = await stack.db.query<{ id: number; name: string }>(
      'SELECT id, name FROM catalog.product WHERE id = ANY($1::int[])',
      [ids],
    );
    const prices = await cheapestPrices(ids, 'EU');
    const stock = await stockTotals(ids);
    for (const node of nodes) {
      const id = Number(node.id);
      expect(node.name).toBe(names.find((row) => row.id === id)?.name);
      expect(node.images[0]?.url).toMatch(/^https?:\/\//);
      expect(node.price).toEqual({ amount: prices.get(id), currency: 'EUR' });
      expect(node.availability).toEqual({ inStock: stock.get(id)! > 0, quantity: stock.get(id) });
      expect(Array.isArray(node.badges)).toBe(true);
    }
    const labels = nodes.flatMap((node) => node.badges ?? []).map((badge) => badge.label);
    const germanLabels = await stack.db.query<{ label: string }>(
      "SELECT label FROM content.badge_label WHERE locale = 'de-DE'",
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(germanLabels.map((row) => row.label)).toContain(label);
  });

  it('pages on with the end cursor without repeating a product', async () => {
    const slug = await departmentSlug();
    const first = await stack.post(CategoryPageDocument, { slug });
    const after = first.body.data!.category!.products.pageInfo.endCursor;
    const second = await stack.post(CategoryPageDocument, { slug, after });
    expect(second.body.errors).toBeUndefined();
    const firstIds = first.body.data!.category!.products.edges.map((edge) => edge.node.id);
    const secondIds = second.body.data!.category!.products.edges.map((edge) => edge.node.id);
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });
});

describe('ProductPage through the gateway', () => {
  it('returns product, variants, prices, stock, shipping, content and wishlist state in one request', async () => {
    const [wish] = await stack.db.query<{ customer_id: number; product_id: number }>(
      'SELECT customer_id, product_id FROM customer.wishlist_item ORDER BY customer_id, product_id LIMIT 1',
    );
    const [product] = await stack.db.query<{ slug: string; name: string }>(
      'SELECT slug, name FROM catalog.product WHERE id = $1',
      [wish!.product_id],
    );
    const token = await stack.token(String(wish!.customer_id));
    const { status, body } = await stack.post(
      ProductPageDocument,
      { slug: product!.slug },
      { token, market: 'UK' },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const page = body.data!.product!;
    const id = wish!.product_id;
    expect(page.name).toBe(product!.name);
    expect(page.inWishlist).toBe(true);

    const variantRows = await stack.db.query<{ variant_id: number; amount: string }>(
      "SELECT variant_id, amount::text AS amount FROM pricing.price WHERE product_id = $1 AND market = 'UK'",
      [id],
    );
    expect(page.variants.length).toBe(variantRows.length);
    for (const variant of page.variants) {
      const row = variantRows.find((candidate) => candidate.variant_id === Number(variant.id));
      expect(variant.price).toEqual({ amount: row?.amount, currency: 'GBP' });
      expect(typeof variant.availability?.quantity).toBe('number');
    }
    expect(page.price).toEqual({ amount: (await cheapestPrices([id], 'UK')).get(id), currency: 'GBP' });
    expect(page.availability?.quantity).toBe((await stockTotals([id])).get(id));
    expect(page.shippingEstimate?.minDays).toBeGreaterThan(0);

    const [reviews] = await stack.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM content.review WHERE product_id = $1',
      [id],
    );
    expect(page.reviewSummary?.count).toBe(reviews!.count);
    expect(page.reviews?.length).toBe(Math.min(5, reviews!.count));

    expect(page.related.length).toBeGreaterThan(0);
    const relatedIds = page.related.map((related) => Number(related.id));
    const relatedPrices = await cheapestPrices(relatedIds, 'UK');
    for (const related of page.related) {
      expect(related.id).not.toBe(String(id));
      expect(related.price?.amount).toBe(relatedPrices.get(Number(related.id)));
    }
  });

  it('answers null for an unknown slug, with no error', async () => {
    const { body } = await stack.post(ProductPageDocument, { slug: 'no-such-product' });
    expect(body).toEqual({ data: { product: null } });
  });

  it('reports inWishlist false for an anonymous visitor', async () => {
    const [product] = await stack.db.query<{ slug: string }>('SELECT slug FROM catalog.product WHERE id = 1');
    const { body } = await stack.post(ProductPageDocument, { slug: product!.slug });
    expect(body.data?.product?.inWishlist).toBe(false);
  });
});

describe('HomePage through the gateway', () => {
  it('returns CMS blocks with live product data and the signed-in customer', async () => {
    const [customer] = await stack.db.query<{ id: number; first_name: string; segment: string }>(
      "SELECT id, first_name, segment FROM customer.customer WHERE segment = 'vip' ORDER BY id LIMIT 1",
    );
    const [wishlist] = await stack.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM customer.wishlist_item WHERE customer_id = $1',
      [customer!.id],
    );
    const token = await stack.token(String(customer!.id), { segment: customer!.segment });
    const { body } = await stack.post(HomePageDocument, {}, { token });
    expect(body.errors).toBeUndefined();
    const home = body.data!;
    expect(home.me).toEqual({
      id: String(customer!.id),
      firstName: customer!.first_name,
      wishlist: wishlist,
    });
    expect(home.departments).toHaveLength(8);

    const carousel = home.page!.blocks.find((block) => block.__typename === 'ProductCarouselBlock');
    const products = carousel?.__typename === 'ProductCarouselBlock' ? carousel.products : [];
    expect(products.length).toBeGreaterThan(0);
    const ids = products.map((product) => Number(product.id));
    const prices = await cheapestPrices(ids, 'US');
    for (const product of products) {
      expect(product.name.length).toBeGreaterThan(0);
      expect(product.price).toEqual({ amount: prices.get(Number(product.id)), currency: 'USD' });
      expect(typeof product.availability?.inStock).toBe('boolean');
    }
  });

  it('personalises blocks by segment: shared within a segment, different across segments', async () => {
    const heroOf = async (token?: string) => {
      const { body } = await stack.post(HomePageDocument, {}, token ? { token } : {});
      return body.data!.page!.blocks.map((block) => block.id).join(',');
    };
    const anonymous = await heroOf();
    const vipA = await heroOf(await stack.token('1', { segment: 'vip' }));
    const vipB = await heroOf(await stack.token('2', { segment: 'vip' }));
    expect(vipA).toBe(vipB);
    expect(vipA).not.toBe(anonymous);
  });
});

describe('example variables in schema/operations', () => {
  const documents = {
    HomePage: HomePageDocument,
    CategoryPage: CategoryPageDocument,
    ProductPage: ProductPageDocument,
  };
  it.each(['HomePage', 'CategoryPage', 'ProductPage'] as const)(
    'run %s against the seed without errors',
    async (name) => {
      const variables = JSON.parse(
        await readFile(new URL(`../schema/operations/${name}.variables.json`, import.meta.url), 'utf8'),
      ) as Record<string, unknown>;
      const { status, body } = await stack.post(String(documents[name]), variables);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(Object.values(body.data ?? {}).filter((value) => value === null)).toEqual(
        name === 'HomePage' ? [null] : [],
      );
    },
  );
});
