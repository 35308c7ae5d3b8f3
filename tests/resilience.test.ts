import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { ErrorCode } from '../contracts/errors.js';
import { DEVELOPMENT_INTERNAL_SECRET } from '../contracts/internalIdentity.js';
import { startFaultyProxy, type FaultyProxy, type ProxyMode } from './support/faultyProxy.js';
import { operation, startStack, type PostResult, type Stack, type TestGateway } from './support/stack.js';

type Body = PostResult<Record<string, unknown>>['body'];

/** The fields the pricing subgraph resolves in the page operations. */
const PRICING_FIELDS = new Set(['price', 'compareAtPrice', 'priceRange', 'promotions']);

/** `value` with every field pricing resolves set to null: the page as it reads while pricing is down. */
function withoutPricing(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPricing);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      PRICING_FIELDS.has(key) ? null : withoutPricing(field),
    ]),
  );
}

const codesOf = (body: Body) => (body.errors ?? []).map((error) => error.extensions?.['code']);

/** Asserts `body` is the full page with pricing's fields null, and errors that name pricing and nothing else. */
function expectPartial(body: Body, full: Body) {
  expect(body.data).toEqual(withoutPricing(full.data));
  expect(codesOf(body).length).toBeGreaterThan(0);
  expect(new Set(codesOf(body))).toEqual(new Set([ErrorCode.SubgraphUnavailable]));
  for (const error of body.errors ?? []) {
    expect(error.message).toBe('The pricing service is unavailable.');
    expect(error.extensions?.['serviceName']).toBe('pricing');
  }
  expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONN|HTTP 5|html|JSON/i);
}

interface Page {
  name: 'ProductPage' | 'CategoryPage';
  text: string;
  variables: Record<string, unknown>;
  full: Body;
}

const logLines: Record<string, unknown>[] = [];
let stack: Stack;
let proxy: FaultyProxy;
let pages: Page[];
let productSlug: string;
const PRICE_QUERY = 'query Price($slug: String!) { product(slug: $slug) { id price { amount currency } } }';

beforeAll(async () => {
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  stack = await startStack({}, {}, logger);
  proxy = await startFaultyProxy(stack.subgraphUrls['pricing']!);
  const [product] = await stack.db.query<{ slug: string }>(
    'SELECT p.slug FROM catalog.product p WHERE EXISTS (SELECT 1 FROM pricing.price r WHERE r.product_id = p.id) ORDER BY p.id LIMIT 1',
  );
  const [department] = await stack.db.query<{ slug: string }>(
    'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY position, id LIMIT 1',
  );
  productSlug = product!.slug;
  const reference = await stack.startGateway({ CACHE_ENABLED: 'false' });
  pages = [];
  for (const [name, variables] of [
    ['ProductPage', { slug: productSlug }],
    ['CategoryPage', { slug: department!.slug }],
  ] as const) {
    const text = await operation(name);
    const { body } = await reference.post(text, variables);
    expect(body.errors).toBeUndefined();
    pages.push({ name, text, variables, full: body });
  }
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await stack?.stop();
});

beforeEach(() => proxy.set({ kind: 'pass' }));

/** A gateway whose pricing requests go through the proxy, without caches unless `env` turns them on. */
const behindProxy = (env: NodeJS.ProcessEnv = {}) =>
  stack.startGateway({ SUBGRAPH_PRICING_URL: proxy.url, CACHE_ENABLED: 'false', ...env });

/** The price of the test product, as the reference gateway answered it. */
const fullPrice = () => (pages[0]!.full.data as { product: { price: unknown } }).product.price;

describe('a subgraph that hangs', () => {
  it('answers within its own timeout with partial data and SUBGRAPH_UNAVAILABLE', async () => {
    const gateway = await behindProxy({
      SUBGRAPH_PRICING_TIMEOUT_MS: '1000',
      SUBGRAPH_BREAKER_FAILURES: '1000',
    });
    proxy.set({ kind: 'hang' });
    for (const page of pages) {
      const { status, body } = await gateway.post(page.text, page.variables);
      expect(status).toBe(200);
      expectPartial(body, page.full);
    }
  }, 60_000);
});

describe('a subgraph that answers what is not GraphQL', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await behindProxy({ SUBGRAPH_BREAKER_FAILURES: '1000', SUBGRAPH_RETRY_DELAY_MS: '5' });
  });

  it.each<[string, ProxyMode]>([
    ['an HTML page with status 200', { kind: 'html' }],
    ['truncated JSON', { kind: 'truncated' }],
    ['JSON with neither data nor errors', { kind: 'no-data' }],
    ['an entity list of the wrong length', { kind: 'no-entities' }],
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503 on every attempt', { kind: 'status', status: 503 }],
    ['a dropped connection', { kind: 'reset' }],
  ])('serves the pages with pricing null for %s, the rest intact', async (_case, mode) => {
    proxy.set(mode);
    for (const page of pages) {
      const { status, body } = await gateway.post(page.text, page.variables);
      expect(status).toBe(200);
      expectPartial(body, page.full);
    }
  });

  it('keeps the cause and the subgraph out of the answer in production', async () => {
    const production = await behindProxy({
      NODE_ENV: 'production',
      AUTH_SECRET: 'a'.repeat(32),
      INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_SECRET,
    });
    proxy.set({ kind: 'html' });
    const { status, body } = await production.post(PRICE_QUERY, { slug: productSlug });
    expect(status).toBe(200);
    expect(body.data).toEqual({ product: { id: expect.any(String), price: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Part of this answer is temporarily unavailable.',
        extensions: { code: ErrorCode.SubgraphUnavailable },
      }),
    ]);
    expect(JSON.stringify(body.errors)).not.toMatch(/pricing/i);
  });
});

describe('retries', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await behindProxy({ SUBGRAPH_RETRY_DELAY_MS: '5', SUBGRAPH_BREAKER_FAILURES: '1000' });
  });

  it('sends a query again after a 503 and answers it whole', async () => {
    proxy.failNext(1, { kind: 'status', status: 503 });
    const before = proxy.received.length;
    const { body } = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(body.errors).toBeUndefined();
    expect((body.data as { product: { price: unknown } }).product.price).toEqual(fullPrice());
    expect(proxy.received.length - before).toBe(2);
  });

  it('gives up on a query after the configured retries', async () => {
    proxy.set({ kind: 'status', status: 503 });
    const before = proxy.received.length;
    const { body } = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(codesOf(body)).toEqual([ErrorCode.SubgraphUnavailable]);
    expect(proxy.received.length - before).toBe(3);
  });

  it('never sends a mutation twice', async () => {
    proxy.set({ kind: 'status', status: 503 });
    const before = proxy.received.length;
    const { status, body } = await gateway.post(
      'mutation { setPrice(input: { variantId: "1", market: US, amount: "1.00" }) { price { amount } } }',
    );
    expect(status).toBe(200);
    expect(codesOf(body)).toEqual([ErrorCode.SubgraphUnavailable]);
    expect(proxy.received.slice(before).map((request) => request.operation)).toEqual(['mutation']);
  });
});

describe('the circuit breaker', () => {
  it('opens after consecutive failures, fails fast without calling the subgraph, and closes once it recovers', async () => {
    const gateway = await behindProxy({
      SUBGRAPH_RETRIES: '0',
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_COOLDOWN_MS: '3000',
    });
    proxy.set({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i += 1) await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(gateway.breakers.stateOf('pricing')).toBe('open');

    const before = proxy.received.length;
    for (let i = 0; i < 3; i += 1) {
      const { status, body } = await gateway.post(PRICE_QUERY, { slug: productSlug });
      expect(status).toBe(200);
      expect(codesOf(body)).toEqual([ErrorCode.SubgraphUnavailable]);
    }
    // Within the cooldown, the gateway did not call pricing at all.
    expect(proxy.received.length - before).toBe(0);

    proxy.set({ kind: 'pass' });
    for (let tries = 0; tries < 100 && gateway.breakers.stateOf('pricing') !== 'closed'; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await gateway.post(PRICE_QUERY, { slug: productSlug });
    }
    expect(gateway.breakers.stateOf('pricing')).toBe('closed');
    // The circuit may close (a readiness probe) while a request that failed fast is still answering: ask again.
    const answer: Body = (await gateway.post(PRICE_QUERY, { slug: productSlug })).body;
    expect(answer.errors).toBeUndefined();
    expect((answer.data as { product: { price: unknown } }).product.price).toEqual(fullPrice());
  }, 60_000);

  it('serves stale cached entities while open, marked stale', async () => {
    let clock = Date.now();
    const gateway = await stack.startGateway(
      {
        SUBGRAPH_PRICING_URL: proxy.url,
        SUBGRAPH_RETRIES: '0',
        SUBGRAPH_BREAKER_FAILURES: '1',
        SUBGRAPH_BREAKER_COOLDOWN_MS: '600000',
      },
      { now: () => clock },
    );
    const fresh = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(fresh.body.errors).toBeUndefined();
    // Past every entry's TTL, within the grace window.
    clock += 120_000;
    proxy.set({ kind: 'status', status: 503 });
    const first = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(gateway.breakers.stateOf('pricing')).toBe('open');
    const before = proxy.received.length;
    const second = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(proxy.received.length).toBe(before);
    for (const stale of [first, second]) {
      expect(stale.body).toEqual(fresh.body);
      expect(stale.headers.get('x-cache')).toBe('STALE');
    }
  });
});

describe('a supergraph published before the subgraph that serves its new field', () => {
  const NEW_FIELD_QUERY =
    'query NewField($slug: String!) { product(slug: $slug) { id price { amount taxIncluded } } }';
  let dir: string;
  let supergraphPath: string;

  beforeAll(async () => {
    // `Money` is pricing's alone: a field added to it is pricing's, which the running pricing does not know yet.
    const committed = await readFile(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
    const published = committed.replace(
      /^(type Money\n {2}@join__type\(graph: PRICING\)\n\{\n)/m,
      '$1  taxIncluded: Boolean\n',
    );
    expect(published).not.toBe(committed);
    dir = await mkdtemp(path.join(tmpdir(), 'supergraph-ahead-'));
    supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, published);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const ahead = (env: NodeJS.ProcessEnv = {}) =>
    stack.startGateway({
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_POLL_INTERVAL_MS: '0',
      CACHE_ENABLED: 'false',
      SUBGRAPH_BREAKER_FAILURES: '3',
      ...env,
    });

  it("answers the new field with pricing's refusal, never opening pricing's circuit for the other pages", async () => {
    const gateway = await ahead();
    const requestId = 'ahead-of-pricing';
    for (let i = 0; i < 10; i += 1) {
      const { status, body } = await gateway.post(
        NEW_FIELD_QUERY,
        { slug: productSlug },
        { headers: { 'x-request-id': requestId } },
      );
      expect(status).toBe(200);
      expect(body.data).toEqual({ product: { id: expect.any(String), price: null } });
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Cannot query field "taxIncluded" on type "Money"'),
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', serviceName: 'pricing' }),
        }),
      ]);
    }
    expect(gateway.breakers.stateOf('pricing')).toBe('closed');
    const { body } = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(body.errors).toBeUndefined();
    expect((body.data as { product: { price: unknown } }).product.price).toEqual(fullPrice());

    const refusals = logLines.filter((line) => line['requestId'] === requestId);
    expect(refusals.map((line) => line['msg'])).toEqual(expect.arrayContaining(['subgraph refused fetch']));
    expect(refusals.find((line) => line['msg'] === 'subgraph refused fetch')).toMatchObject({
      subgraph: 'pricing',
      status: 400,
      errors: [expect.objectContaining({ message: expect.stringContaining('taxIncluded') })],
    });
    expect(refusals.filter((line) => line['msg'] === 'subgraph fetch failed')).toEqual([]);
  }, 60_000);

  it('masks the refusal in production, naming no subgraph', async () => {
    const production = await ahead({
      NODE_ENV: 'production',
      AUTH_SECRET: 'a'.repeat(32),
      INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_SECRET,
    });
    const { status, body } = await production.post(NEW_FIELD_QUERY, { slug: productSlug });
    expect(status).toBe(200);
    expect(body.data).toEqual({ product: { id: expect.any(String), price: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: ErrorCode.InternalServerError, requestId: expect.any(String) },
      }),
    ]);
    expect(JSON.stringify(body.errors)).not.toMatch(/pricing|taxIncluded/);
  });
});

describe('the circuit breaker and a subgraph that restarts', () => {
  it('closes within about a readiness probe interval of the subgraph being ready, not after the cooldown', async () => {
    const gateway = await behindProxy({
      SUBGRAPH_RETRIES: '0',
      SUBGRAPH_BREAKER_FAILURES: '2',
      SUBGRAPH_BREAKER_COOLDOWN_MS: '600000',
      SUBGRAPH_BREAKER_PROBE_INTERVAL_MS: '200',
    });
    proxy.set({ kind: 'status', status: 503 });
    for (let i = 0; i < 2; i += 1) await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(gateway.breakers.stateOf('pricing')).toBe('open');
    // Down: its readiness is asked, and the circuit stays open.
    const probed = proxy.readinessProbes();
    for (let waited = 0; proxy.readinessProbes() < probed + 2 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(gateway.breakers.stateOf('pricing')).toBe('open');

    proxy.set({ kind: 'pass' });
    const before = proxy.received.length;
    for (let waited = 0; gateway.breakers.stateOf('pricing') !== 'closed' && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(gateway.breakers.stateOf('pricing')).toBe('closed');
    // Closed by its readiness: no client fetch was spent as the probe.
    expect(proxy.received.length).toBe(before);
    const { body } = await gateway.post(PRICE_QUERY, { slug: productSlug });
    expect(body.errors).toBeUndefined();
    expect((body.data as { product: { price: unknown } }).product.price).toEqual(fullPrice());
  }, 60_000);
});

describe('failure logs', () => {
  it('logs each failed fetch once with its subgraph, kind, duration, attempts, request id and cause', async () => {
    const gateway = await behindProxy({ SUBGRAPH_RETRY_DELAY_MS: '5', SUBGRAPH_BREAKER_FAILURES: '1000' });
    proxy.set({ kind: 'status', status: 503 });
    const requestId = 'resilience-log-check';
    await gateway.post(PRICE_QUERY, { slug: productSlug }, { headers: { 'x-request-id': requestId } });
    const lines = logLines.filter(
      (line) => line['requestId'] === requestId && line['msg'] === 'subgraph fetch failed',
    );
    expect(lines).toEqual([
      expect.objectContaining({
        subgraph: 'pricing',
        kind: 'status',
        status: 503,
        attempts: 3,
        durationMs: expect.any(Number),
        err: expect.objectContaining({ message: 'HTTP 503' }),
      }),
    ]);
  });
});

describe('request ids', () => {
  it("sends the client request's id with each subgraph request, and the subgraph answers under it", async () => {
    const gateway = await behindProxy();
    proxy.set({ kind: 'pass' });
    const before = proxy.received.length;
    const sent = await gateway.post(
      PRICE_QUERY,
      { slug: productSlug },
      { headers: { 'x-request-id': 'trace-42' } },
    );
    expect(sent.body.errors).toBeUndefined();
    const made = await gateway.post(PRICE_QUERY, { slug: productSlug });
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    // One pricing fetch each (entity cache off): the client's id, then the id the gateway made and answered.
    expect(proxy.received.slice(before)).toEqual([
      { operation: 'query', requestId: 'trace-42', answeredRequestId: 'trace-42' },
      { operation: 'query', requestId: madeId, answeredRequestId: madeId },
    ]);
  });
});

describe('a subgraph killed mid-run', () => {
  it('serves the pages throughout, whole before and partial after, the rest of the data intact', async () => {
    const gateway = await stack.startGateway({ CACHE_ENABLED: 'false' });
    const inFlight = Array.from({ length: 12 }, (_, i) => {
      const page = pages[i % pages.length]!;
      return gateway.post(page.text, page.variables).then((result) => ({ page, result }));
    });
    await stack.stopSubgraph('pricing');
    for (const { page, result } of await Promise.all(inFlight)) {
      expect(result.status).toBe(200);
      expect(withoutPricing(result.body.data)).toEqual(withoutPricing(page.full.data));
      expect(codesOf(result.body).every((code) => code === ErrorCode.SubgraphUnavailable)).toBe(true);
    }
    for (const page of pages) {
      const { status, body } = await gateway.post(page.text, page.variables);
      expect(status).toBe(200);
      expectPartial(body, page.full);
    }
  }, 60_000);
});
