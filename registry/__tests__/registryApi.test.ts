import { DEVELOPMENT_INTERNAL_SECRET } from '../../contracts/internalIdentity.js';
import { schemaVersionOf } from '../../gateway/schema/schemaVersion.js';
import { serveTestSubgraph, type TestSubgraph } from './support/serveTestSubgraph.js';
import { startTestRegistry, TEST_TOKENS, type TestRegistry } from './support/startTestRegistry.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const PRODUCTS = `${LINK}
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! name: String }`;
const REVIEWS = `${LINK}
type Product @key(fields: "id") { id: ID! rating: Int }`;
const PRODUCT_PAGE = 'query ProductPage($id: ID!) { product(id: $id) { name rating } }';

type Json = Record<string, unknown> & {
  error?: { code: string; message: string; report?: Record<string, unknown> };
};

describe('registry HTTP API', () => {
  let registry: TestRegistry;
  let products: TestSubgraph;
  let reviews: TestSubgraph;
  const subgraph = (name: 'products' | 'reviews', sdl: string) => ({
    name,
    url: (name === 'products' ? products : reviews).url,
    sdl,
  });
  const publish = (
    subgraphs: ReturnType<typeof subgraph>[],
    extra: Record<string, unknown> = {},
    token?: string,
  ) =>
    registry.request('POST', '/publish', {
      body: { subgraphs, author: 'ada@example.com', commit: 'c0ffee', ...extra },
      ...(token ? { token } : {}),
    });
  const head = async () =>
    Number((await registry.request('GET', '/supergraph.graphql')).headers.get('x-registry-version'));

  beforeAll(async () => {
    [registry, products, reviews] = await Promise.all([
      startTestRegistry(),
      serveTestSubgraph(PRODUCTS, DEVELOPMENT_INTERNAL_SECRET),
      serveTestSubgraph(REVIEWS, DEVELOPMENT_INTERNAL_SECRET),
    ]);
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), products?.close(), reviews?.close()]);
  });

  it('answers NOTHING_PUBLISHED for the supergraph and the operations before the first publish', async () => {
    for (const path of ['/supergraph.graphql', '/operations']) {
      const response = await registry.request('GET', path);
      expect(response.status).toBe(404);
      expect((response.body as Json).error?.code).toBe('NOTHING_PUBLISHED');
    }
  });

  describe('access', () => {
    it('answers 401 with a Bearer challenge without a token or with an unknown one', async () => {
      for (const token of [null, 'not-a-registry-token']) {
        const response = await registry.request('POST', '/publish', { token, body: {} });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((response.body as Json).error?.code).toBe('UNAUTHENTICATED');
        expect(response.text).not.toContain('not-a-registry-token');
      }
    });

    it('lets every token read, and only the admin token roll back or register operations', async () => {
      for (const token of Object.values(TEST_TOKENS)) {
        expect((await registry.request('GET', '/versions', { token })).status).toBe(200);
      }
      for (const token of [TEST_TOKENS.read, TEST_TOKENS.products]) {
        const rollback = await registry.request('POST', '/rollback', {
          token,
          body: { version: 1, author: 'x' },
        });
        const operations = await registry.request('PUT', '/operations', {
          token,
          body: { client: 'x', operations: [] },
        });
        expect([rollback.status, operations.status]).toEqual([403, 403]);
        expect((rollback.body as Json).error?.code).toBe('FORBIDDEN');
      }
    });

    it("refuses a read token's publish, and a publish token's publish or check of another subgraph", async () => {
      const read = await publish([subgraph('products', PRODUCTS)], {}, TEST_TOKENS.read);
      const other = await publish([subgraph('products', PRODUCTS)], {}, TEST_TOKENS.reviews);
      const both = await publish(
        [subgraph('products', PRODUCTS), subgraph('reviews', REVIEWS)],
        {},
        TEST_TOKENS.reviews,
      );
      const check = await registry.request('POST', '/subgraphs/products/check', {
        token: TEST_TOKENS.reviews,
        body: { sdl: PRODUCTS, url: products.url },
      });
      expect([read.status, other.status, both.status, check.status]).toEqual([403, 403, 403, 403]);
      expect((both.body as Json).error?.message).toBe('This token may not publish products, reviews');
    });
  });

  describe('requests it cannot serve', () => {
    it('answers 404 for an unknown path and 405 with Allow for a known path and another method', async () => {
      const unknown = await registry.request('GET', '/nowhere');
      expect([unknown.status, (unknown.body as Json).error?.code]).toEqual([404, 'NOT_FOUND']);
      const wrongMethod = await registry.request('DELETE', '/operations');
      expect([wrongMethod.status, (wrongMethod.body as Json).error?.code]).toEqual([
        405,
        'METHOD_NOT_ALLOWED',
      ]);
      expect(wrongMethod.headers.get('allow')).toBe('GET, PUT');
    });

    it('answers 400 BAD_REQUEST for a body that is not JSON, and names a missing field', async () => {
      const notJson = await registry.request('POST', '/publish', { body: '{"subgraphs": [' });
      expect([notJson.status, (notJson.body as Json).error?.code]).toEqual([400, 'BAD_REQUEST']);
      const missing = await registry.request('POST', '/publish', {
        body: { subgraphs: [{ name: 'products', url: products.url }], author: 'ada' },
      });
      expect(missing.status).toBe(400);
      expect((missing.body as Json).error?.message).toBe('subgraphs[0].sdl must be a non-empty string');
    });

    it('answers 415 for a body that is not JSON by its type and 413 for one over the size limit', async () => {
      const text = await registry.request('POST', '/publish', {
        body: '{}',
        headers: { 'content-type': 'text/plain' },
      });
      expect([text.status, (text.body as Json).error?.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const large = await registry.request('POST', '/publish', {
        body: { padding: 'x'.repeat(9 * 1024 * 1024) },
      });
      expect([large.status, (large.body as Json).error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });
  });

  describe('publish, check, history and rollback', () => {
    it('publishes the first version of two subgraphs and serves it with its ETag', async () => {
      const first = await publish([subgraph('products', PRODUCTS), subgraph('reviews', REVIEWS)]);
      expect(first.status).toBe(201);
      const { version, schemaVersion } = first.body as { version: number; schemaVersion: string };
      expect(version).toBe(1);

      const served = await registry.request('GET', '/supergraph.graphql', { token: TEST_TOKENS.read });
      expect(served.status).toBe(200);
      expect(served.text).toContain('join__Graph');
      expect(schemaVersionOf(served.text)).toBe(schemaVersion);
      expect(served.headers.get('etag')).toBe(`"${schemaVersion}"`);
      expect(served.headers.get('x-registry-version')).toBe('1');

      const again = await registry.request('GET', '/supergraph.graphql', {
        token: TEST_TOKENS.read,
        headers: { 'if-none-match': `"${schemaVersion}"` },
      });
      expect([again.status, again.text]).toEqual([304, '']);
    });

    it('answers unchanged, recording nothing, when the supergraph would be the same', async () => {
      const before = await head();
      const same = await publish([subgraph('products', PRODUCTS)]);
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ unchanged: true, version: before });
      expect(await head()).toBe(before);
    });

    it('registers operations, serves them with an ETag, and refuses one that does not fit', async () => {
      const registered = await registry.request('PUT', '/operations', {
        body: {
          client: 'storefront',
          operations: [
            {
              source: 'ProductPage.graphql',
              name: 'ProductPage',
              body: PRODUCT_PAGE,
              variables: { id: '1' },
            },
          ],
        },
      });
      expect(registered.status).toBe(200);
      const served = await registry.request('GET', '/operations', { token: TEST_TOKENS.read });
      expect(served.body).toEqual({
        operations: [
          {
            client: 'storefront',
            source: 'ProductPage.graphql',
            name: 'ProductPage',
            body: PRODUCT_PAGE,
            variables: { id: '1' },
          },
        ],
      });
      const etag = served.headers.get('etag')!;
      const again = await registry.request('GET', '/operations', { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);

      const misfit = await registry.request('PUT', '/operations', {
        body: {
          client: 'storefront',
          operations: [{ source: 'Bad.graphql', name: 'Bad', body: '{ product(id: "1") { price } }' }],
        },
      });
      expect(misfit.status).toBe(409);
      expect((misfit.body as Json).error?.code).toBe('CHECK_FAILED');
      expect((misfit.body as Json).error?.message).toContain('Bad (Bad.graphql)');
      expect((await registry.request('GET', '/operations')).headers.get('etag')).toBe(etag);
    });

    it('refuses an addition the running subgraph does not serve yet, then publishes it once deployed', async () => {
      const withPrice = PRODUCTS.replace('name: String', 'name: String price: Int');
      const early = await publish([subgraph('products', withPrice)], {}, TEST_TOKENS.products);
      expect(early.status).toBe(422);
      expect((early.body as Json).error).toMatchObject({
        code: 'SUBGRAPH_NOT_DEPLOYED',
        message: `products at ${products.url} does not serve Product.price yet: deploy the subgraph first, then publish`,
      });
      products.deploy(withPrice);
      const deployed = await publish([subgraph('products', withPrice)], {}, TEST_TOKENS.products);
      expect(deployed.status).toBe(201);
      expect((deployed.body as { version: number }).version).toBe(2);
    });

    it('refuses a change that breaks a registered operation, naming it, and checks it the same way', async () => {
      const withoutName = PRODUCTS.replace('name: String', 'price: Int');
      const check = await registry.request('POST', '/subgraphs/products/check', {
        token: TEST_TOKENS.products,
        body: { sdl: withoutName },
      });
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ ok: false, approvable: true });

      const refused = await publish([subgraph('products', withoutName)]);
      expect(refused.status).toBe(409);
      const { error } = refused.body as Json;
      expect(error?.code).toBe('CHECK_FAILED');
      expect(error?.message).toContain('ProductPage (storefront)');
      expect(error?.report).toMatchObject({
        ok: false,
        changes: [expect.objectContaining({ path: 'Product.name' })],
      });
      expect(await head()).toBe(2);
    });

    it('publishes the breaking change with an approval, recording it, and stops serving the broken operation', async () => {
      const withoutName = PRODUCTS.replace('name: String', 'price: Int');
      const approved = await publish([subgraph('products', withoutName)], {
        approval: { reason: 'ProductPage moves to title this sprint' },
      });
      expect(approved.status).toBe(201);
      expect(approved.body).toMatchObject({
        version: 3,
        approved: true,
        excludedOperations: [{ client: 'storefront', name: 'ProductPage', source: 'ProductPage.graphql' }],
      });
      expect((await registry.request('GET', '/operations')).body).toEqual({ operations: [] });

      const history = (await registry.request('GET', '/versions', { token: TEST_TOKENS.read })).body as {
        versions: Record<string, unknown>[];
      };
      expect(history.versions[0]).toMatchObject({
        version: 3,
        action: 'publish',
        author: 'ada@example.com',
        commit: 'c0ffee',
        subgraphs: ['products'],
        approval: { reason: 'ProductPage moves to title this sprint' },
        changes: { breaking: 1, dangerous: 0, safe: 0 },
      });
    });

    it('does not ask the next publish to approve a break an earlier version already approved', async () => {
      const withStars = REVIEWS.replace('rating: Int', 'rating: Int stars: Int');
      reviews.deploy(withStars);
      const next = await publish([subgraph('reviews', withStars)], {}, TEST_TOKENS.reviews);
      expect(next.status).toBe(201);
      expect(next.body).toMatchObject({ version: 4, approved: false, report: { ok: true } });
      expect((next.body as { report: { warnings: string[] } }).report.warnings).toContainEqual(
        expect.stringContaining('ProductPage (storefront, ProductPage.graphql) stays unserved'),
      );
      expect((next.body as { excludedOperations: unknown[] }).excludedOperations).toHaveLength(1);
    });

    it('refuses subgraphs that do not compose, even with an approval', async () => {
      const clash = REVIEWS.replace('rating: Int', 'rating: Int price: String');
      reviews.deploy(clash);
      const refused = await publish([subgraph('reviews', clash)], { approval: { reason: 'try anyway' } });
      expect(refused.status).toBe(422);
      expect((refused.body as Json).error).toMatchObject({
        code: 'COMPOSITION_FAILED',
        report: { approvable: false, composition: { ok: false } },
      });
      expect(await head()).toBe(4);
    });

    it('rolls back to version 2, serving its supergraph and the operation it does not break', async () => {
      const rolledBack = await registry.request('POST', '/rollback', {
        body: { version: 2, author: 'ops@example.com' },
      });
      expect(rolledBack.status).toBe(201);
      expect(rolledBack.body).toMatchObject({ version: 5, approved: false, excludedOperations: [] });
      const v2 = (await registry.request('GET', '/versions/2')).body as { schemaVersion: string };
      const served = await registry.request('GET', '/supergraph.graphql');
      expect(served.headers.get('etag')).toBe(`"${v2.schemaVersion}"`);
      expect((await registry.request('GET', '/operations')).body).toMatchObject({
        operations: [expect.objectContaining({ name: 'ProductPage' })],
      });
      const entry = (await registry.request('GET', '/versions/5')).body;
      expect(entry).toMatchObject({
        action: 'rollback',
        rolledBackTo: 2,
        author: 'ops@example.com',
        subgraphs: ['products', 'reviews'],
        snapshot: [
          { name: 'products', url: products.url, sdl: expect.stringContaining('price: Int') },
          { name: 'reviews', url: reviews.url, sdl: REVIEWS },
        ],
        report: expect.objectContaining({ ok: true }),
      });
    });

    it('answers VERSION_NOT_FOUND for a version that does not exist, and BAD_REQUEST for one that is not a number', async () => {
      const rollback = await registry.request('POST', '/rollback', { body: { version: 99, author: 'ops' } });
      expect([rollback.status, (rollback.body as Json).error?.code]).toEqual([404, 'VERSION_NOT_FOUND']);
      expect((await registry.request('GET', '/versions/99')).status).toBe(404);
      expect((await registry.request('GET', '/versions/two')).status).toBe(400);
    });

    it('lists history newest first, with a limit', async () => {
      const { versions } = (await registry.request('GET', '/versions?limit=2')).body as {
        versions: { version: number }[];
      };
      expect(versions.map((entry) => entry.version)).toEqual([5, 4]);
    });

    it('serializes two publishes sent at once: both recorded, consecutive, the later one built on the earlier', async () => {
      const before = await head();
      const productsNext = PRODUCTS.replace('name: String', 'name: String price: Int sku: String');
      const reviewsNext = REVIEWS.replace('rating: Int', 'rating: Int count: Int');
      products.deploy(productsNext);
      reviews.deploy(reviewsNext);
      const [a, b] = await Promise.all([
        publish([subgraph('products', productsNext)], {}, TEST_TOKENS.products),
        publish([subgraph('reviews', reviewsNext)], {}, TEST_TOKENS.reviews),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const versions = [a, b].map((response) => (response.body as { version: number }).version).sort();
      expect(versions).toEqual([before + 1, before + 2]);
      const latest = (await registry.request('GET', `/versions/${before + 2}`)).body as {
        snapshot: { name: string; sdl: string }[];
      };
      expect(latest.snapshot).toEqual([
        expect.objectContaining({ name: 'products', sdl: productsNext }),
        expect.objectContaining({ name: 'reviews', sdl: reviewsNext }),
      ]);
    });
  });

  describe('operations endpoints', () => {
    it('answers live and ready, and counts publishes by outcome in its metrics', async () => {
      expect((await registry.request('GET', '/health/live', { token: null })).status).toBe(200);
      const ready = await registry.request('GET', '/health/ready', { token: null });
      expect([ready.status, ready.body]).toEqual([200, { status: 'ready', database: 'up' }]);
      const metrics = (await registry.request('GET', '/metrics', { token: null })).text;
      expect(metrics).toMatch(/registry_publishes_total\{action="publish",outcome="approved"\} 1\b/);
      expect(metrics).toMatch(/registry_publishes_total\{action="publish",outcome="not_deployed"\} 1\b/);
      expect(metrics).toMatch(/registry_publishes_total\{action="rollback",outcome="published"\} 1\b/);
      expect(metrics).toMatch(/registry_http_requests_total\{route="supergraph",status="304"\} 1\b/);
      expect(metrics).not.toContain(TEST_TOKENS.admin);
    });
  });
});
