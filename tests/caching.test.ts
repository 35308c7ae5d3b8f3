import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { INVALIDATION_CHANNEL } from '../contracts/caching.js';
import { ErrorCode } from '../contracts/errors.js';
import { cacheBackends } from './support/cacheBackends.js';
import { afterThisMillisecond, operation, startStack, type Stack } from './support/stack.js';

const SET_PRICE = 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { price { amount } } }';

describe.each(cacheBackends())('gateway caching (%s)', (backend, env) => {
  let stack: Stack;
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  let department: string;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack(env, { now });
    admin = await stack.token('admin-1', { roles: ['admin'] });
    const [row] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    department = row!.slug;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(async () => {
    await purge({ all: true });
    await afterThisMillisecond();
    stack.reports.length = 0;
  });

  async function purge(body: object, token = admin) {
    return fetch(new URL('/admin/cache/purge', stack.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  }

  const subgraphsAsked = () => [...new Set(stack.reports.map((report) => report.subgraph))].sort();

  it('serves the second identical CategoryPage from the whole-response cache with no subgraph request', async () => {
    const query = await operation('CategoryPage');
    const first = await stack.post(query, { slug: department });
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toMatch(/^max-age=([1-9]|[12]\d|30), public$/);
    stack.reports.length = 0;
    const second = await stack.post(query, { slug: department });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(stack.reports).toEqual([]);
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(second.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  it('answers a respelled query from the entity layer: whole responses are keyed by the bytes sent', async () => {
    const first = await stack.post('{ departments { id name } }');
    expect((await stack.post('{ departments { id name } }')).headers.get('x-cache')).toBe('HIT');
    stack.reports.length = 0;
    const respelled = await stack.post('query {\n  departments {\n    id\n    name\n  }\n}');
    expect(respelled.headers.get('x-cache')).toBe('MISS');
    expect(respelled.body).toEqual(first.body);
    expect(stack.reports).toEqual([]);
  });

  it('never stores an answer with errors, nor a mutation', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const { headers, body } = await stack.post('{ products(first: 101) { totalCount } }');
      expect(body.errors?.[0]?.extensions?.['code']).toBe(ErrorCode.BadUserInput);
      expect(headers.get('x-cache')).toBe('MISS');
    }
    const input = { variantId: '21', market: 'US', amount: '12.49' };
    const mutation = await stack.post(SET_PRICE, { input }, { token: admin });
    expect(mutation.headers.get('x-cache')).toBe('BYPASS');
  });

  it('asks only the customer subgraph for a repeated signed-in ProductPage', async () => {
    const [product] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.product WHERE id = 23',
    );
    const token = await stack.token('4');
    const query = await operation('ProductPage');
    const first = await stack.post(query, { slug: product!.slug }, { token });
    expect(first.body.errors).toBeUndefined();
    stack.reports.length = 0;
    const second = await stack.post(query, { slug: product!.slug }, { token });
    expect(second.body).toEqual(first.body);
    expect(subgraphsAsked()).toEqual(['customer']);
  });

  it('shows a price change made through the gateway on the very next CategoryPage and ProductPage', async () => {
    const categoryPage = await operation('CategoryPage');
    const productPage = await operation('ProductPage');
    const listing = async () =>
      (
        await stack.post<{
          category: {
            products: { edges: { node: { id: string; slug: string; price: { amount: string } } }[] };
          };
        }>(categoryPage, { slug: department })
      ).body.data!.category.products.edges.map((edge) => edge.node);
    const before = await listing();
    await listing();
    const target = before[3]!;
    const detail = async () =>
      (await stack.post<{ product: { price: { amount: string } } }>(productPage, { slug: target.slug })).body
        .data!.product.price.amount;
    await detail();
    expect(await detail()).toBe(target.price.amount);

    const variants = await stack.db.query<{ variant_id: number }>(
      "SELECT variant_id FROM pricing.price WHERE product_id = $1 AND market = 'US'",
      [Number(target.id)],
    );
    for (const { variant_id } of variants) {
      const input = { variantId: String(variant_id), market: 'US', amount: '1.23' };
      const { body } = await stack.post(SET_PRICE, { input }, { token: admin });
      expect(body.errors).toBeUndefined();
    }
    const after = await listing();
    expect(after.find((node) => node.id === target.id)?.price.amount).toBe('1.23');
    expect(await detail()).toBe('1.23');
  });

  it('caches entities only, never whole responses, with CACHE_RESPONSES=false', async () => {
    const entitiesOnly = await stack.startGateway({ CACHE_RESPONSES: 'false' });
    const query = await operation('CategoryPage');
    const first = await entitiesOnly.post(query, { slug: department });
    stack.reports.length = 0;
    const second = await entitiesOnly.post(query, { slug: department });
    expect(second.headers.get('x-cache')).toBeNull();
    expect(second.body).toEqual(first.body);
    // The listing is a root fetch of its own and is served from the entity layer too: nothing is asked again.
    expect(subgraphsAsked()).toEqual([]);
    await entitiesOnly.stop();
  });

  it('never lets two users see each other’s data, over many interleaved requests', async () => {
    const ids = ['1', '2', '3', '4', '5', '6'];
    const tokens = await Promise.all(ids.map((id) => stack.token(id)));
    const emails = new Map(
      (
        await stack.db.query<{ id: number; email: string }>(
          'SELECT id, email FROM customer.customer WHERE id <= 6',
        )
      ).map((row) => [String(row.id), row.email]),
    );
    const statuses = new Set<string | null>();
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        ids.map((id, index) =>
          stack.post<{ me: { id: string; email: string } }>(
            '{ me { id email } }',
            {},
            { token: tokens[index] },
          ),
        ),
      );
      answers.forEach((answer, index) => {
        statuses.add(answer.headers.get('x-cache'));
        expect(answer.body.data?.me).toEqual({ id: ids[index], email: emails.get(ids[index]!) });
      });
    }
    expect(statuses).toEqual(new Set(['MISS', 'HIT']));
    const anonymous = await stack.post('{ me { id email } }');
    expect(anonymous.body).toEqual({ data: { me: null } });
  });

  it('shares a segment-personalised home page within a segment and not across segments', async () => {
    const query = '{ page(slug: "home") { blocks { id __typename } } }';
    const [vipA, vipB, fresh] = await Promise.all([
      stack.token('101', { segment: 'vip' }),
      stack.token('102', { segment: 'vip' }),
      stack.token('103', { segment: 'new' }),
    ]);
    const first = await stack.post(query, {}, { token: vipA });
    expect(first.headers.get('x-cache')).toBe('MISS');
    stack.reports.length = 0;
    const second = await stack.post(query, {}, { token: vipB });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(stack.reports).toEqual([]);
    expect(second.body).toEqual(first.body);
    const other = await stack.post(query, {}, { token: fresh });
    expect(other.headers.get('x-cache')).toBe('MISS');
    expect(other.body).not.toEqual(first.body);
    const anonymous = await stack.post(query);
    expect(anonymous.headers.get('x-cache')).toBe('MISS');
    expect(anonymous.body).not.toEqual(first.body);
  });

  it('never shares an entry between anonymous and signed-in callers', async () => {
    await stack.post('{ departments { id } }');
    expect((await stack.post('{ departments { id } }')).headers.get('x-cache')).toBe('HIT');
    const signedIn = await stack.post('{ departments { id } }', {}, { token: await stack.token('7') });
    expect(signedIn.headers.get('x-cache')).toBe('MISS');
  });

  it('purges by type through the admin endpoint, for admins only', async () => {
    const query = await operation('CategoryPage');
    await stack.post(query, { slug: department });
    expect((await purge({ types: ['Product'] }, await stack.token('3'))).status).toBe(403);
    expect((await purge({ all: true }, 'not-a-token')).status).toBe(401);
    expect((await stack.post(query, { slug: department })).headers.get('x-cache')).toBe('HIT');
    const purged = await purge({ types: ['Product'] });
    expect(purged.status).toBe(200);
    expect(((await purged.json()) as { purged: number }).purged).toBeGreaterThan(0);
    expect((await stack.post(query, { slug: department })).headers.get('x-cache')).toBe('MISS');
  });

  it('answers a repeated GET before parsing it, but only where CSRF prevention would let it through', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('{ departments { slug } }')}`;
    const preflight = { 'apollo-require-preflight': 'true' };
    const first = await fetch(url, { headers: preflight });
    const second = await fetch(url, { headers: preflight });
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const simple = await fetch(url);
    expect(simple.status).toBe(400);
    expect(simple.headers.get('x-cache')).not.toBe('HIT');
  });

  it('registers an automatic persisted query and answers it by hash', async () => {
    const query = '{ departments { slug } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions }),
    });
    expect(
      ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    });
    const other = backend === 'redis' ? await stack.startGateway() : stack;
    // Apollo Server registers a query without waiting for the store; give the write a moment to land.
    let byHash: Response | undefined;
    let body: { data?: { departments: { slug: string }[] }; errors?: unknown[] } = {};
    for (let attempt = 0; attempt < 20 && !body.data; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25));
      byHash = await fetch(`${other.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      body = (await byHash.json()) as typeof body;
    }
    expect(byHash?.status).toBe(200);
    expect(body.data?.departments).toHaveLength(8);
    expect(byHash?.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  if (backend === 'redis') {
    it('purges what a change announced on the invalidation channel names', async () => {
      const query = '{ product(id: "9") { name price { amount } } }';
      await stack.post(query);
      expect((await stack.post(query)).headers.get('x-cache')).toBe('HIT');
      const publisher = new Redis(env['REDIS_URL']!);
      await publisher.publish(INVALIDATION_CHANNEL, JSON.stringify({ tags: ['Product:9'] }));
      await publisher.quit();
      let status: string | null = 'HIT';
      // Delivery is asynchronous; on a loaded machine it can take seconds.
      for (let attempt = 0; attempt < 200 && status === 'HIT'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await stack.post(query)).headers.get('x-cache');
      }
      expect(status).toBe('MISS');
    });
  }

  // Runs last: it stops the pricing subgraph for good.
  it('answers from an expired entry, marked STALE, when its subgraph fails within the grace window', async () => {
    const query = '{ product(id: "17") { name price { amount currency } } }';
    const fresh = await stack.post(query);
    expect(fresh.body.errors).toBeUndefined();
    clockOffset += 120_000;
    await stack.stopSubgraph('pricing');
    const stale = await stack.post(query);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.body).toEqual(fresh.body);
    clockOffset += 600_000;
    const gone = await stack.post(query);
    expect(gone.body.errors?.[0]?.extensions?.['code']).toBe(ErrorCode.SubgraphUnavailable);
    expect(gone.headers.get('x-cache')).toBe('MISS');
  });
});
