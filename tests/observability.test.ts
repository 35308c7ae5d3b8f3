import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { scrape, sample, seriesOf, type Samples } from './support/prometheus.js';
import { operation, startStack, type Stack } from './support/stack.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

/** Every line the subgraphs and gateways log, as production would write it (same redaction, level info). */
const lines: string[] = [];
const logger = pino(
  { level: 'info', redact: LOG_REDACTION },
  { write: (line: string) => void lines.push(line) },
);

const PRODUCT = { slug: 'classic-raincoat-alpha-42' };
const PARTNER_KEY = 'dev-partner-key';

let stack: Stack;
let productPageId: string;
beforeAll(async () => {
  stack = await startStack({}, {}, logger);
  const manifest = JSON.parse(
    await readFile(new URL('../schema/persisted-query-manifest.json', import.meta.url), 'utf8'),
  ) as { operations: { id: string; name: string }[] };
  productPageId = manifest.operations.find((entry) => entry.name === 'ProductPage')!.id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

/** How much each series grew between two scrapes. */
function grew(before: Samples, after: Samples) {
  return (name: string, labels: Record<string, string> = {}) =>
    sample(after, name, labels) - sample(before, name, labels);
}

/** The request log lines, parsed; waits (bounded) until `count` are there, as each is written once its answer is sent. */
async function requestLines(count: number): Promise<Record<string, unknown>[]> {
  const parsed = () =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['msg'] === 'request');
  for (let waited = 0; parsed().length < count && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return parsed();
}

describe('gateway /metrics', () => {
  it('counts requests, latency, errors, subgraph fetches and cache events by their labels as traffic flows', async () => {
    const before = await scrape(stack.metricsUrl);
    const productPage = await operation('ProductPage');
    for (let i = 0; i < 2; i += 1) {
      expect((await post(stack.url, { query: productPage, variables: PRODUCT })).status).toBe(200);
    }
    expect((await post(stack.url, { query: 'query Unregistered { __typename }' })).status).toBe(200);
    const partner = await post(
      stack.url,
      { variables: PRODUCT, extensions: { persistedQuery: { version: 1, sha256Hash: productPageId } } },
      { 'x-api-key': PARTNER_KEY },
    );
    expect(partner.status).toBe(200);
    expect((await post(stack.url, { query: '{ noSuchField }' })).status).toBe(400);
    const after = await scrape(stack.metricsUrl);
    const delta = grew(before, after);

    const anonymousPage = { operation: 'ProductPage', client: 'anonymous' };
    expect(delta('gateway_requests_total', { ...anonymousPage, status: '200' })).toBe(2);
    expect(delta('gateway_request_duration_seconds_count', anonymousPage)).toBe(2);
    expect(
      delta('gateway_requests_total', { operation: 'ProductPage', client: 'partner-dev', status: '200' }),
    ).toBe(1);
    expect(delta('gateway_requests_total', { operation: 'other', client: 'anonymous', status: '200' })).toBe(
      1,
    );
    expect(delta('gateway_requests_total', { operation: 'other', client: 'anonymous', status: '400' })).toBe(
      1,
    );
    // An operation nobody registered never gets a series of its own.
    expect([...after.keys()].filter((key) => key.includes('Unregistered'))).toEqual([]);
    expect(delta('gateway_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    for (const subgraph of ['catalog', 'inventory', 'pricing', 'content']) {
      expect({
        subgraph,
        fetches: delta('gateway_subgraph_fetch_duration_seconds_count', { subgraph }) > 0,
      }).toEqual({
        subgraph,
        fetches: true,
      });
    }
    expect(delta('gateway_cache_events_total', { layer: 'response', event: 'miss' })).toBeGreaterThan(0);
    expect(delta('gateway_cache_events_total', { layer: 'response', event: 'hit' })).toBeGreaterThan(0);
    expect(seriesOf(after, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it("shows every subgraph's circuit, closed, from the start, before any fetch", async () => {
    const fresh = await stack.startGateway({ METRICS_PORT: '0' });
    const scraped = await scrape(fresh.metricsUrl);
    await fresh.stop();
    for (const { name: subgraph } of supergraphSubgraphs()) {
      const states = Object.fromEntries(
        ['closed', 'half-open', 'open'].map((state) => [
          state,
          scraped.get(`gateway_subgraph_circuit_state{state="${state}",subgraph="${subgraph}"}`),
        ]),
      );
      expect({ subgraph, states }).toEqual({ subgraph, states: { closed: 1, 'half-open': 0, open: 0 } });
    }
  });

  it('never rate-limits scrapes or health probes on the GraphQL port, while GraphQL requests stay limited', async () => {
    // One request per minute for an anonymous caller; the scrapes come from the same address.
    const limited = await stack.startGateway({ RATE_LIMIT_ANONYMOUS: '1' });
    expect(new URL(limited.metricsUrl).port).toBe(new URL(limited.url).port);
    const before = await scrape(limited.metricsUrl);
    for (let i = 0; i < 4; i += 1) {
      expect((await fetch(limited.metricsUrl)).status).toBe(200);
      expect((await fetch(new URL('/health/live', limited.url))).status).toBe(200);
      expect((await fetch(new URL('/health/ready', limited.url))).status).toBe(200);
    }
    expect((await post(limited.url, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(limited.url, { query: '{ __typename }' })).status).toBe(429);
    // Throws unless answered 200, after the caller was refused.
    const after = await scrape(limited.metricsUrl);
    // The one refusal is the second GraphQL request: no scrape was counted, none refused.
    expect(grew(before, after)('gateway_rate_limit_refusals_total', { class: 'anonymous' })).toBe(1);
    await limited.stop();
  });

  it('counts rate-limit refusals by client class', async () => {
    const limited = await stack.startGateway({ RATE_LIMIT_ANONYMOUS: '1', METRICS_PORT: '0' });
    const before = await scrape(limited.metricsUrl);
    expect((await post(limited.url, { query: '{ __typename }' })).status).toBe(200);
    expect((await post(limited.url, { query: '{ __typename }' })).status).toBe(429);
    const after = await scrape(limited.metricsUrl);
    expect(grew(before, after)('gateway_rate_limit_refusals_total', { class: 'anonymous' })).toBe(1);
    await limited.stop();
  });

  it('moves to METRICS_PORT when it is set, and leaves the GraphQL port', async () => {
    const admin = await stack.startGateway({ METRICS_PORT: '0' });
    expect(new URL(admin.metricsUrl).port).not.toBe(new URL(admin.url).port);
    expect(sample(await scrape(admin.metricsUrl), 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect((await fetch(new URL('/metrics', admin.url))).status).toBe(404);
    await admin.stop();
  });
});

describe('subgraph /metrics', () => {
  it('counts requests by operation, and each SQL statement with its latency, as traffic flows', async () => {
    const uncached = await stack.startGateway({ CACHE_ENABLED: 'false' });
    const catalogMetrics = new URL('/metrics', stack.subgraphUrls['catalog']).toString();
    const before = await scrape(catalogMetrics);
    stack.reports.length = 0;
    const page = await post(uncached.url, { query: await operation('ProductPage'), variables: PRODUCT });
    expect(page.status).toBe(200);
    const after = await scrape(catalogMetrics);
    await uncached.stop();
    const delta = grew(before, after);

    const catalogRequests = stack.reports.filter((report) => report.subgraph === 'catalog');
    const statements = catalogRequests.reduce((sum, report) => sum + report.statements.length, 0);
    expect(statements).toBeGreaterThan(0);
    const kinds = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'other'];
    const measured = kinds.reduce(
      (sum, kind) => sum + delta('subgraph_sql_duration_seconds_count', { subgraph: 'catalog', kind }),
      0,
    );
    expect(measured).toBe(statements);
    const requests = seriesOf(after, 'subgraph_requests_total')
      .filter((key) => key.includes('operation="ProductPage__catalog'))
      .reduce((sum, key) => sum + (after.get(key) ?? 0) - (before.get(key) ?? 0), 0);
    expect(requests).toBe(catalogRequests.length);
    expect(sample(after, 'process_cpu_user_seconds_total', { subgraph: 'catalog' })).toBeGreaterThan(0);
  });
});

describe('gateway logs', () => {
  it('note on the request line how many errors each subgraph answered, apart from failures', async () => {
    lines.length = 0;
    const refused = await post(stack.url, { query: 'query TooMany { products(first: 101) { totalCount } }' });
    expect(refused.body.errors).toHaveLength(1);
    const [line] = await requestLines(1);
    expect(line?.['subgraphs']).toEqual([
      { subgraph: 'catalog', ms: expect.any(Number), failed: true, errors: 1 },
    ]);
  });

  it('write one line per request and never a token, an API key or customer data', async () => {
    const [customer] = await stack.db.query<{ email: string; first_name: string; last_name: string }>(
      'SELECT email, first_name, last_name FROM customer.customer WHERE id = 1',
    );
    const token = await stack.token('1');
    lines.length = 0;
    const signedIn = { authorization: `Bearer ${token}`, cookie: `session=${token}` };
    const me = await post(stack.url, { query: 'query Me { me { email firstName lastName } }' }, signedIn);
    // The answer holds the customer's data, so the test would see it if a log line copied it.
    expect(JSON.stringify(me.body)).toContain(customer!.email);
    const page = await post(
      stack.url,
      { query: await operation('ProductPage'), variables: PRODUCT },
      signedIn,
    );
    expect(page.status).toBe(200);
    const partner = await post(
      stack.url,
      { variables: PRODUCT, extensions: { persistedQuery: { version: 1, sha256Hash: productPageId } } },
      { 'x-api-key': PARTNER_KEY },
    );
    expect(partner.status).toBe(200);
    const refused = await post(stack.url, { query: '{ __typename }' }, { authorization: `Bearer ${token}x` });
    expect(refused.status).toBe(401);

    const logged = await requestLines(4);
    expect(logged.map(({ operation, client, status }) => ({ operation, client, status }))).toEqual([
      { operation: 'Me', client: undefined, status: 200 },
      { operation: 'ProductPage', client: undefined, status: 200 },
      { operation: 'ProductPage', client: 'partner-dev', status: 200 },
      { operation: undefined, client: undefined, status: 401 },
    ]);
    const pageLine = logged[1]!;
    expect(pageLine['requestId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(pageLine['durationMs']).toEqual(expect.any(Number));
    expect(pageLine['cache']).toEqual(expect.any(String));
    const fetched = (pageLine['subgraphs'] as { subgraph: string; ms: number }[]).map(
      (fetch) => fetch.subgraph,
    );
    expect(new Set(fetched)).toEqual(new Set(['catalog', 'inventory', 'pricing', 'content', 'customer']));

    const text = lines.join('');
    for (const secret of [
      token,
      PARTNER_KEY,
      customer!.email,
      `"${customer!.first_name}"`,
      `"${customer!.last_name}"`,
    ]) {
      expect({ secret, logged: text.includes(secret) }).toEqual({ secret, logged: false });
    }
  });
});
