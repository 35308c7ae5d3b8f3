import { ErrorCode } from '../contracts/errors.js';
import { cacheBackends } from './support/cacheBackends.js';
import {
  afterThisMillisecond,
  operation,
  startStack,
  type CallOptions,
  type Stack,
  type TestGateway,
} from './support/stack.js';

/**
 * A cache hit must be exactly the answer the caller would get without the cache. Each backend runs one gateway
 * with caching and one without, in front of the same subgraphs, and compares them across variables, viewers,
 * segments, markets and locales, in several orders, and while writes race reads.
 */

const WITH_CONTENT = `query ($slug: String!, $withContent: Boolean!) {
  product(slug: $slug) {
    name
    price { amount currency }
    editorial @include(if: $withContent) { headline }
    reviews(first: 3) @include(if: $withContent) { rating title }
  }
}`;

const SET_PRICE = 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { price { amount } } }';

interface Request {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  call: CallOptions;
}

/** The same list in an order fixed by `seed` (a small linear congruential shuffle). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let index = result.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

describe.each(cacheBackends())('cache correctness (%s)', (backend, env) => {
  let stack: Stack;
  let uncached: TestGateway;
  let admin: string;
  let reviewed: string;
  let plain: string;

  beforeAll(async () => {
    stack = await startStack({ ...env, RATE_LIMIT_ENABLED: 'false' });
    uncached = await stack.startGateway({ CACHE_ENABLED: 'false' });
    admin = await stack.token('admin-1', { roles: ['admin'] });
    const [withReviews] = await stack.db.query<{ slug: string }>(
      `SELECT p.slug FROM catalog.product p JOIN content.review r ON r.product_id = p.id
       GROUP BY p.id, p.slug HAVING count(*) >= 6 ORDER BY p.id LIMIT 1`,
    );
    const [other] = await stack.db.query<{ slug: string }>('SELECT slug FROM catalog.product WHERE id = 12');
    reviewed = withReviews!.slug;
    plain = other!.slug;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const purge = (request: object) =>
    fetch(new URL('/admin/cache/purge', stack.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(request),
    });
  const purgeAll = async () => {
    await purge({ all: true });
    await afterThisMillisecond();
  };

  it('gives the same answers with the cache on and off, whatever the order of the requests', async () => {
    const [productPage, homePage] = await Promise.all([operation('ProductPage'), operation('HomePage')]);
    const contexts: CallOptions[] = [
      {},
      { market: 'EU', acceptLanguage: 'de-DE' },
      { token: await stack.token('5', { segment: 'vip' }) },
      { token: await stack.token('6', { segment: 'new' }), market: 'EU' },
    ];
    const shapes: Omit<Request, 'call'>[] = [
      ...[1, 5, 50].map((reviewCount) => ({
        name: `ProductPage reviewCount ${reviewCount}`,
        query: productPage,
        variables: { slug: reviewed, reviewCount, relatedCount: reviewCount === 1 ? 2 : 8 },
      })),
      ...[1, 3].map((carouselImageLimit) => ({
        name: `HomePage carouselImageLimit ${carouselImageLimit}`,
        query: homePage,
        variables: { carouselImageLimit },
      })),
      ...[false, true].flatMap((withContent) =>
        [reviewed, plain].map((slug) => ({
          name: `@include ${withContent} ${slug}`,
          query: WITH_CONTENT,
          variables: { slug, withContent },
        })),
      ),
    ];
    const requests: Request[] = shapes.flatMap((shape) => contexts.map((call) => ({ ...shape, call })));
    const expected = new Map<Request, unknown>();
    for (const request of requests) {
      const answer = await uncached.post(request.query, request.variables, request.call);
      expect(answer.body.errors).toBeUndefined();
      expected.set(request, answer.body);
    }
    // The cases differ where the bug lived: one review against five, three images against one.
    const reviews = (request: Request) =>
      (expected.get(request) as { data: { product: { reviews: unknown[] } } }).data.product.reviews.length;
    expect(
      requests
        .filter((r) => r.name.startsWith('ProductPage'))
        .map(reviews)
        .slice(0, 9),
    ).toEqual([1, 1, 1, 1, 5, 5, 5, 5, 6]);

    const orders = [requests, [...requests].reverse(), shuffled(requests, 7)];
    for (const order of orders) {
      await purgeAll();
      for (const request of order) {
        const answer = await stack.post(request.query, request.variables, request.call);
        expect({ request: request.name, body: answer.body }).toEqual({
          request: request.name,
          body: expected.get(request),
        });
      }
    }
    // And once more with every answer already cached.
    const hits = new Set<string | null>();
    for (const request of shuffled(requests, 11)) {
      const answer = await stack.post(request.query, request.variables, request.call);
      hits.add(answer.headers.get('x-cache'));
      expect(answer.body).toEqual(expected.get(request));
    }
    expect(hits).toContain('HIT');
  }, 120_000);

  it('tells shared caches the truth: private for viewer or segment answers, Vary for market and locale', async () => {
    const [homePage, categoryPage] = await Promise.all([operation('HomePage'), operation('CategoryPage')]);
    const vip = await stack.token('8', { segment: 'vip' });
    await purgeAll();
    for (const gateway of [stack, uncached, stack]) {
      const personal = await gateway.post('{ page(slug: "home") { blocks { id } } }', {}, { token: vip });
      expect(personal.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
      expect(personal.headers.get('vary')).toContain('Authorization');
      const home = await gateway.post(homePage, {}, { token: vip });
      expect(home.headers.get('cache-control')).toMatch(/private|no-store/);

      const listing = await gateway.post(
        categoryPage,
        { slug: 'outdoor-camping', first: 4 },
        { market: 'EU', acceptLanguage: 'de-DE' },
      );
      expect(listing.body.errors).toBeUndefined();
      expect(listing.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
      const vary = (listing.headers.get('vary') ?? '').split(/\s*,\s*/);
      expect(vary).toEqual(expect.arrayContaining(['X-Market', 'Accept-Language']));

      // Anonymous, the same blocks go to every anonymous caller: public, but never to a signed-in one.
      const anonymous = await gateway.post('{ page(slug: "home") { blocks { id } } }');
      expect(anonymous.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
      expect(anonymous.headers.get('vary')).toContain('Authorization');
    }
    // The third pass was served from the whole-response cache, headers and all.
    const again = await stack.post('{ page(slug: "home") { blocks { id } } }', {}, { token: vip });
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('cache-control')).toMatch(/private/);
  });

  it('serves a repeated anonymous HomePage and ProductPage from the whole-response cache', async () => {
    const [homePage, productPage] = await Promise.all([operation('HomePage'), operation('ProductPage')]);
    await purgeAll();
    for (const [query, variables] of [
      [homePage, {}],
      [productPage, { slug: reviewed }],
    ] as const) {
      const expected = await uncached.post(query, variables);
      const first = await stack.post(query, variables);
      const second = await stack.post(query, variables);
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
      expect(second.body).toEqual(expected.body);
      expect(second.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
      expect(second.headers.get('vary')).toBe(first.headers.get('vary'));
      expect(second.headers.get('vary')).toContain('Authorization');
    }
  });

  it('never hands one caller another’s answer when signed-in and anonymous callers race', async () => {
    const [homePage, productPage] = await Promise.all([operation('HomePage'), operation('ProductPage')]);
    const callers: CallOptions[] = [
      {},
      { token: await stack.token('11', { segment: 'vip' }) },
      { token: await stack.token('12') },
    ];
    const [withItem] = await stack.db.query<{ slug: string }>(
      `SELECT p.slug FROM catalog.product p JOIN customer.wishlist_item w ON w.product_id = p.id
       WHERE w.customer_id = 12 ORDER BY p.id LIMIT 1`,
    );
    const operations: [string, Record<string, unknown>][] = [
      [homePage, {}],
      [productPage, { slug: withItem!.slug }],
      ['{ me { id email wishlist { count } } }', {}],
    ];
    const expected = await Promise.all(
      callers.flatMap((call) =>
        operations.map(([query, variables]) => uncached.post(query, variables, call)),
      ),
    );
    // The product is on customer 12's wishlist, so each of their answers differs from the other two callers':
    // a wrong caller's answer cannot pass for the right one.
    const bodies = expected.map((answer) => JSON.stringify(answer.body));
    const [anonymous, vip, customer] = [0, 1, 2].map((caller) => bodies.slice(caller * 3, caller * 3 + 3));
    anonymous!.forEach((body, index) => expect(body).not.toBe(customer![index]));
    vip!.forEach((body, index) => expect(body).not.toBe(customer![index]));
    await purgeAll();
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        callers.flatMap((call) => operations.map(([query, variables]) => stack.post(query, variables, call))),
      );
      expect(answers.map((answer) => answer.body)).toEqual(expected.map((answer) => answer.body));
    }
  });

  it('runs identical concurrent queries once, per viewer, and never coalesces writes', async () => {
    const categoryPage = await operation('CategoryPage');
    const [category] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1 OFFSET 4',
    );
    const variables = { slug: category!.slug, first: 12 };
    const expected = await uncached.post(categoryPage, variables);
    stack.reports.length = 0;
    await uncached.post(categoryPage, variables);
    const onePage = stack.reports.length;
    stack.reports.length = 0;
    const together = await Promise.all(
      Array.from({ length: 8 }, () => uncached.post(categoryPage, variables)),
    );
    for (const answer of together) expect(answer.body).toEqual(expected.body);
    expect(stack.reports.length).toBeLessThan(onePage * 8);

    // The same document for different callers: each gets their own answer.
    const callers = await Promise.all(['13', '14'].map((id) => stack.token(id)));
    const mine = await Promise.all(
      [...callers, undefined, ...callers, undefined].map((token) =>
        uncached.post('{ me { id } }', {}, token ? { token } : {}),
      ),
    );
    expect(mine.map((answer) => answer.body.data)).toEqual([
      { me: { id: '13' } },
      { me: { id: '14' } },
      { me: null },
      { me: { id: '13' } },
      { me: { id: '14' } },
      { me: null },
    ]);

    // Two identical writes sent together both take effect.
    const [stock] = await stack.db.query<{ variant_id: number; warehouse_code: string; quantity: number }>(
      'SELECT variant_id, warehouse_code, quantity FROM inventory.stock ORDER BY variant_id, warehouse_code LIMIT 1',
    );
    const adjust = `mutation { adjustStock(variantId: "${stock!.variant_id}", warehouseCode: "${stock!.warehouse_code}", delta: 5) { quantity } }`;
    const writes = await Promise.all([1, 2].map(() => uncached.post(adjust, {}, { token: admin })));
    for (const write of writes) expect(write.body.errors).toBeUndefined();
    const [after] = await stack.db.query<{ quantity: number }>(
      'SELECT quantity FROM inventory.stock WHERE variant_id = $1 AND warehouse_code = $2',
      [stock!.variant_id, stock!.warehouse_code],
    );
    expect(after!.quantity).toBe(stock!.quantity + 10);
  });

  it('never stores an answer whose non-null fields had to be nulled', async () => {
    await stack.db.query(
      'INSERT INTO customer.wishlist_item (customer_id, product_id) VALUES (9, 999999) ON CONFLICT DO NOTHING',
    );
    try {
      const token = await stack.token('9');
      const query = '{ me { id wishlist { items { product { id name } } } } }';
      const first = await stack.post(query, {}, { token });
      expect(first.body.data).toEqual({ me: null });
      const second = await stack.post(query, {}, { token });
      expect(second.headers.get('x-cache')).toBe('MISS');
      expect(second.body).toEqual(first.body);
    } finally {
      await stack.db.query('DELETE FROM customer.wishlist_item WHERE product_id = 999999');
    }
  });

  it('keeps caching an operation after one request for it was refused', async () => {
    const productPage = await operation('ProductPage');
    await purgeAll();
    const refused = await stack.post(productPage, { slug: plain, reviewCount: 0 });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe(ErrorCode.BadUserInput);
    const anonymous = await stack.post(productPage, { slug: reviewed });
    expect(anonymous.body.errors).toBeUndefined();
    stack.reports.length = 0;
    // Signed in, the whole-response cache cannot answer; the entity cache answers content's part.
    const signedIn = await stack.post(productPage, { slug: reviewed }, { token: await stack.token('10') });
    expect(signedIn.headers.get('x-cache')).toBe('MISS');
    expect(signedIn.body.errors).toBeUndefined();
    expect(stack.reports.map((report) => report.subgraph)).not.toContain('content');
  });

  it('never serves a price older than the last setPrice answer while reads race the writes', async () => {
    const categoryPage = await operation('CategoryPage');
    const [category] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    type Listing = {
      category: { products: { edges: { node: { id: string; price: { amount: string } } }[] } };
    };
    const first = await stack.post<Listing>(categoryPage, { slug: category!.slug, first: 6 });
    const productId = first.body.data!.category.products.edges[5]!.node.id;
    const variants = await stack.db.query<{ variant_id: number }>(
      "SELECT variant_id FROM pricing.price WHERE product_id = $1 AND market = 'US' ORDER BY variant_id",
      [Number(productId)],
    );
    const setPrice = async (variantId: number, amount: string) => {
      const input = { variantId: String(variantId), market: 'US', amount };
      const { body } = await stack.post(SET_PRICE, { input }, { token: admin });
      expect(body.errors).toBeUndefined();
    };
    // Every other variant costs more, so the product's "from" price is the one the rounds set.
    for (const { variant_id } of variants) await setPrice(variant_id, '900.00');
    const target = variants[0]!.variant_id;
    // Ten spellings of each read: whole responses differ while the product's price entity is shared, so reads
    // often miss the response cache, hit the entity cache, and store their response while a purge runs.
    const reads = (
      count: number,
    ): { query: string; variables: Record<string, unknown>; amount(body: unknown): unknown } =>
      count % 2 === 0
        ? {
            query: categoryPage,
            variables: { slug: category!.slug, first: 6 + (count % 10) },
            amount: (body) =>
              (body as { data?: Listing }).data?.category.products.edges.find(
                (edge) => edge.node.id === productId,
              )?.node.price.amount,
          }
        : {
            query:
              'query ($id: ID!, $n: Int!) { product(id: $id) { images(limit: $n) { url } price { amount } } }',
            variables: { id: productId, n: 1 + (count % 10) },
            amount: (body) =>
              (body as { data?: { product?: { price?: { amount?: string } } } }).data?.product?.price?.amount,
          };

    const late: string[] = [];
    for (let round = 0; round < 30; round++) {
      const amount = `${(500 - round).toFixed(2)}`;
      let answeredAt = Infinity;
      let reading = true;
      // Each round starts with the product's answers cold, so the readers below miss and store while it runs.
      await purge({ tags: [`Product:${productId}`] });
      const readers = Array.from({ length: 8 }, async (_, reader) => {
        for (let count = reader; reading; count++) {
          const read = reads(count);
          const startedAt = performance.now();
          const { body } = await stack.post(read.query, read.variables);
          if (startedAt > answeredAt && read.amount(body) !== amount) {
            late.push(`round ${round}: ${String(read.amount(body))} instead of ${amount}`);
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 5 + (round % 5) * 4));
      await setPrice(target, amount);
      answeredAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 40));
      reading = false;
      await Promise.all(readers);
      for (let count = 0; count < 20; count++) {
        const read = reads(count);
        const { body } = await stack.post(read.query, read.variables);
        if (read.amount(body) !== amount)
          late.push(`round ${round}: ${String(read.amount(body))} after the round`);
      }
    }
    expect(late).toEqual([]);
  }, 120_000);

  if (backend === 'redis') {
    it('makes a purge on one instance visible on every instance before the mutation answers', async () => {
      const other = await stack.startGateway({ RATE_LIMIT_ENABLED: 'false' });
      const query = '{ product(id: "33") { price { amount } } }';
      const [variant] = await stack.db.query<{ variant_id: number }>(
        "SELECT variant_id FROM pricing.price WHERE product_id = 33 AND market = 'US' ORDER BY variant_id",
      );
      const amountOn = async (gateway: TestGateway) =>
        ((await gateway.post(query)).body.data as { product: { price: { amount: string } } }).product.price
          .amount;
      for (const [round, amount] of ['0.50', '0.40', '0.30'].entries()) {
        // The other instance answers from what it keeps in process...
        await amountOn(other);
        const repeat = await other.post(query);
        expect(repeat.headers.get('x-cache')).toBe('HIT');
        // ...until this one changes the price: the very next read there shows it.
        const input = { variantId: String(variant!.variant_id), market: 'US', amount };
        expect((await stack.post(SET_PRICE, { input }, { token: admin })).body.errors).toBeUndefined();
        expect({ round, amount: await amountOn(other) }).toEqual({ round, amount });
      }
      await other.stop();
    });
  }

  it('purges every cached answer and nothing else: rate-limit counters stay', async () => {
    const limited = await stack.startGateway({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '3' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await limited.post('{ departments { id } }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const purged = await fetch(new URL('/admin/cache/purge', limited.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ all: true }),
    });
    expect(purged.status).toBe(200);
    expect((await limited.post('{ departments { id } }')).status).toBe(429);
    await limited.stop();
  });
});
