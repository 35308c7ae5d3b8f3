import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import {
  DEVELOPMENT_INTERNAL_SECRET,
  IDENTITY_HEADER,
  signInternalIdentity,
} from '../contracts/internalIdentity.js';
import { randomPrefix, testRedisUrl } from '../gateway/cache/__tests__/support/testRedis.js';
import { DEVELOPMENT_AUTH_SECRET, loadConfig } from '../gateway/config.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * Hostile input against a running gateway (and its subgraphs). Every case must get a clear 4xx or a GraphQL error
 * with a stable code, leak nothing private, and leave the gateway serving normal requests.
 */

interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redisUrl = testRedisUrl();
const keyPrefix = randomPrefix();
let gateways = 0;

let stack: Stack;
let production: RunningGateway;
let customerEmail: string;
const productionGateways: RunningGateway[] = [];
/** What the production gateways logged at level error or above. */
const errorLogs: { msg: string; code?: string }[] = [];

/**
 * A gateway as the auditor ran it: production mode, Redis when the test run has one (keys of its own), and a
 * logger whose errors the tests read. `env` adds to that.
 */
async function startProductionGateway(env: NodeJS.ProcessEnv = {}): Promise<RunningGateway> {
  const subgraphs = Object.entries(stack.subgraphUrls).map(([name, url]) => [
    `SUBGRAPH_${name.toUpperCase()}_URL`,
    url,
  ]);
  const logger = pino({ level: 'warn' }, { write: (line: string) => void collectErrors(line) });
  const config = loadConfig(
    {
      GATEWAY_PORT: '0',
      SUBGRAPH_TIMEOUT_MS: '5000',
      NODE_ENV: 'production',
      AUTH_SECRET: DEVELOPMENT_AUTH_SECRET,
      INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_SECRET,
      ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${keyPrefix}${(gateways += 1)}:` } : {}),
      ...Object.fromEntries(subgraphs),
      ...env,
    },
    root,
  );
  const gateway = await startGateway(config, logger);
  productionGateways.push(gateway);
  return gateway;
}

function collectErrors(line: string): void {
  const entry = JSON.parse(line) as { level: number; msg: string; code?: string };
  if (entry.level >= 50) errorLogs.push({ msg: entry.msg, ...(entry.code ? { code: entry.code } : {}) });
}

beforeAll(async () => {
  stack = await startStack({ RATE_LIMIT_ENABLED: 'false' });
  production = await startProductionGateway({ RATE_LIMIT_ENABLED: 'false' });
  const [row] = await stack.db.query<{ email: string }>('SELECT email FROM customer.customer WHERE id = 3');
  customerEmail = row!.email;
}, 120_000);
afterAll(async () => {
  await Promise.all(productionGateways.map((gateway) => gateway.stop()));
  await stack?.stop();
  if (redisUrl) {
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
});

/** The gateway the hostile cases are sent to. */
let target = () => stack.url;

async function send(url: string, init: RequestInit & { path?: string } = {}): Promise<Answer> {
  const response = await fetch(init.path ? new URL(init.path, url) : url, init);
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

const post = (body: string | Uint8Array, headers: Record<string, string> = {}, url = target) =>
  send(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const query = (text: string, variables?: unknown, headers: Record<string, string> = {}) =>
  post(JSON.stringify({ query: text, variables }), headers);
const codeOf = (answer: Answer) => answer.body?.errors?.[0]?.extensions?.code;

const deep = (levels: number) =>
  `{ departments { ${'children { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
/** JSON text of `"x"` inside `levels` lists (or objects), built as text: JSON.stringify would overflow first. */
const deepJson = (levels: number, open = '[', close = ']') =>
  `${open.repeat(levels)}"x"${close.repeat(levels)}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (sha256Hash: unknown, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash } });
const DEPARTMENTS = '{ departments { id } }';
const HUGE_DOCUMENT = `${DEPARTMENTS} #${'x'.repeat(400_000)}`;
const internalUrls = () => Object.values(stack.subgraphUrls).map((url) => new URL(url).host);

async function token(
  claims: object,
  options: { secret?: string; audience?: string; expires?: number | string; alg?: string } = {},
) {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject('3')
    .setIssuer('commerce-gateway')
    .setAudience(options.audience ?? 'commerce-storefront')
    .setExpirationTime(options.expires ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? DEVELOPMENT_AUTH_SECRET));
}

type Case = [name: string, run: () => Promise<Answer>, status: number | number[], code: string | undefined];

const cases: Case[] = [
  ['malformed JSON', () => post('{"query": '), 400, 'BAD_REQUEST'],
  [
    'a JSON array (batched request)',
    () => post(JSON.stringify([{ query: '{ departments { id } }' }])),
    400,
    undefined,
  ],
  ['a JSON string body', () => post('"{ departments { id } }"'), 400, undefined],
  [
    'text/plain content type',
    () => post('{ departments { id } }', { 'content-type': 'text/plain' }),
    400,
    undefined,
  ],
  [
    'form content type',
    () => post('query=%7B%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    400,
    undefined,
  ],
  ['a missing query', () => post(JSON.stringify({ variables: {} })), 400, 'BAD_REQUEST'],
  ['a numeric query', () => post(JSON.stringify({ query: 42 })), 400, 'BAD_REQUEST'],
  ['an object query', () => post(JSON.stringify({ query: { kind: 'Document' } })), 400, 'BAD_REQUEST'],
  [
    'variables that are a string',
    () => post(JSON.stringify({ query: '{ departments { id } }', variables: 'x' })),
    400,
    'BAD_REQUEST',
  ],
  [
    'an unknown operation name',
    () => post(JSON.stringify({ query: 'query A { departments { id } }', operationName: 'B' })),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'two operations and no name',
    () => query('query A { departments { id } } query B { departments { id } }'),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'a variable of the wrong type',
    () => query('query ($n: Int) { products(first: $n) { totalCount } }', { n: 'ten' }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a missing required variable',
    () => query('query ($s: String!) { category(slug: $s) { id } }', {}),
    400,
    'BAD_USER_INPUT',
  ],
  ['a syntax error', () => query('{ departments { id '), 400, 'GRAPHQL_PARSE_FAILED'],
  ['an unknown field', () => query('{ departments { secret } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['deep nesting', () => query(deep(30)), 400, 'OPERATION_TOO_COMPLEX'],
  [
    'an alias bomb',
    () => query(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: departments { id }`).join(' ')} }`),
    400,
    'OPERATION_TOO_COMPLEX',
  ],
  [
    'a fragment bomb',
    () =>
      query(
        `{ products(first: 100) { nodes { ...F0 } } } ${Array.from({ length: 8 }, (_, i) => `fragment F${i} on Product { related(limit: 24) { ...F${i + 1} id } }`).join(' ')} fragment F8 on Product { id }`,
      ),
    400,
    'OPERATION_TOO_COMPLEX',
  ],
  [
    'a fragment cycle',
    () =>
      query(
        '{ departments { ...A } } fragment A on Category { children { ...B } } fragment B on Category { parent { ...A } }',
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a directive flood',
    () => query(`{ departments { id ${'@include(if: true) '.repeat(100)} } }`),
    400,
    'OPERATION_TOO_COMPLEX',
  ],
  ['a token flood', () => query(`{ departments { ${'id '.repeat(3000)} } }`), 400, 'OPERATION_TOO_COMPLEX'],
  // graphql-js gives up validating this with a bare "Validation aborted.": refused first, naming the field limit.
  [
    '900 repeats of one field',
    () => query(`{ departments { ${'id '.repeat(900)}} }`),
    400,
    'OPERATION_TOO_COMPLEX',
  ],
  [
    'a list cost far above the limit',
    () => query('{ products(first: 100) { nodes { related(limit: 24) { related(limit: 24) { id } } } } }'),
    400,
    'OPERATION_TOO_COMPLEX',
  ],
  [
    'a page size above the cap',
    () => query('{ products(first: 101) { totalCount } }'),
    200,
    'BAD_USER_INPUT',
  ],
  ['a negative page size', () => query('{ products(first: -1) { totalCount } }'), 200, 'BAD_USER_INPUT'],
  ['a malformed cursor', () => query('{ products(after: "%%%") { totalCount } }'), 200, 'BAD_USER_INPUT'],
  [
    'a huge string argument',
    () => query(`{ products(filter: { text: "${'x'.repeat(200_000)}" }) { totalCount } }`),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'a huge string variable',
    () =>
      query('query ($t: String) { products(filter: { text: $t }) { totalCount } }', {
        t: 'x'.repeat(200_000),
      }),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'a NUL byte in an argument',
    () =>
      query(
        'query ($s: String!) { product(slug: $s) { id } category(slug: $s) { id } page(slug: $s) { id } }',
        { s: 'a\u0000b' },
      ),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a NUL escape in a string literal',
    () => query('{ product(slug: "a\\u0000b") { id } }'),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'a body over the size limit',
    () => query(`{ departments { id } } #${'x'.repeat(1_200_000)}`),
    413,
    'BAD_REQUEST',
  ],
  [
    'invalid UTF-8',
    () => post(new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    400,
    'BAD_REQUEST',
  ],
  [
    'an unknown market header',
    () => query('{ departments { id } }', undefined, { 'x-market': 'XX' }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'an expired token',
    async () =>
      query('{ me { id } }', undefined, {
        authorization: `Bearer ${await token({}, { expires: Math.floor(Date.now() / 1000) - 5 })}`,
      }),
    401,
    'UNAUTHENTICATED',
  ],
  [
    'a token signed with another secret',
    async () =>
      query('{ me { id } }', undefined, {
        authorization: `Bearer ${await token({ roles: ['admin'] }, { secret: 'y'.repeat(48) })}`,
      }),
    401,
    'UNAUTHENTICATED',
  ],
  [
    'a token with a tampered payload',
    async () => {
      const [head, , signature] = (await token({})).split('.');
      const payload = Buffer.from(
        JSON.stringify({
          sub: '1',
          roles: ['admin'],
          iss: 'commerce-gateway',
          aud: 'commerce-storefront',
          exp: 9_999_999_999,
        }),
      ).toString('base64url');
      return query('{ me { id } }', undefined, { authorization: `Bearer ${head}.${payload}.${signature}` });
    },
    401,
    'UNAUTHENTICATED',
  ],
  [
    'an unsigned token (alg none)',
    async () => {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: '3', iss: 'commerce-gateway', aud: 'commerce-storefront', exp: 9_999_999_999 })}.`;
      return query('{ me { id } }', undefined, { authorization: `Bearer ${unsigned}` });
    },
    401,
    'UNAUTHENTICATED',
  ],
  [
    'a token for another audience',
    async () =>
      query('{ me { id } }', undefined, {
        authorization: `Bearer ${await token({}, { audience: 'partner-portal' })}`,
      }),
    401,
    'UNAUTHENTICATED',
  ],
  [
    'a Basic Authorization header',
    () => query('{ me { id } }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
    401,
    'UNAUTHENTICATED',
  ],
  [
    'an unknown API key',
    () => query('{ departments { id } }', undefined, { 'x-api-key': 'guess' }),
    401,
    'UNAUTHENTICATED',
  ],
  [
    'a full document from a persisted-only partner',
    () => query('{ departments { id } }', undefined, { 'x-api-key': 'dev-partner-key' }),
    400,
    'PERSISTED_QUERY_REQUIRED',
  ],
  [
    'an _entities probe through the gateway',
    () =>
      query(
        '{ _entities(representations: [{ __typename: "Customer", id: "3" }]) { ... on Customer { email } } }',
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a _service probe through the gateway',
    () => query('{ _service { sdl } }'),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'an admin mutation from a customer',
    async () =>
      query(
        'mutation { setPrice(input: { variantId: "11", market: US, amount: "0.01" }) { variantId } }',
        undefined,
        { authorization: `Bearer ${await stack.token('3')}` },
      ),
    200,
    'FORBIDDEN',
  ],
  [
    'a mutation over GET',
    () =>
      send(
        `${target()}?query=${encodeURIComponent('mutation { addToWishlist(productId: "1") { count } }')}`,
        { headers: { 'apollo-require-preflight': 'true' } },
      ),
    405,
    undefined,
  ],
  [
    'a GET without a CSRF-safe header',
    () => send(`${target()}?query=${encodeURIComponent('{ departments { id } }')}`),
    400,
    'BAD_REQUEST',
  ],
  [
    'a PUT',
    () => send(target(), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
    [400, 405],
    undefined,
  ],
  ['an unknown path', () => send(target(), { path: '/graphql/../admin/secrets' }), 404, 'BAD_REQUEST'],
  [
    'variables nested 5,000 lists deep',
    () =>
      post(
        `{"query":"query ($s: String) { product(slug: $s) { id } }","variables":{"s":${deepJson(5_000)}}}`,
      ),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'variables nested 5,000 objects deep (30 KB)',
    () =>
      post(
        `{"query":"query ($s: String) { product(slug: $s) { id } }","variables":{"s":${deepJson(5_000, '{"a":', '}')}}}`,
      ),
    400,
    'BAD_USER_INPUT',
  ],
  ['a subscription', () => query('subscription { departments { id } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'an APQ hash that does not match the query',
    () => post(JSON.stringify({ query: DEPARTMENTS, extensions: apq(sha256('{ departments { slug } }')) })),
    400,
    'BAD_REQUEST',
  ],
  [
    'an APQ version 2',
    () => post(JSON.stringify({ query: DEPARTMENTS, extensions: apq(sha256(DEPARTMENTS), 2) })),
    400,
    'BAD_REQUEST',
  ],
  [
    'an APQ sha256Hash of null',
    () => post(JSON.stringify({ query: DEPARTMENTS, extensions: apq(null) })),
    400,
    'BAD_REQUEST',
  ],
  ['an APQ lookup by a null hash', () => post(JSON.stringify({ extensions: apq(null) })), 400, 'BAD_REQUEST'],
  [
    'a 400 KB APQ registration with its correct hash',
    () => post(JSON.stringify({ query: HUGE_DOCUMENT, extensions: apq(sha256(HUGE_DOCUMENT)) })),
    413,
    'BAD_REQUEST',
  ],
  [
    'introspection in production',
    () => post(JSON.stringify({ query: '{ __schema { types { name } } }' }), {}, () => production.url),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
];

it('covers at least 40 hostile cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

describe.each([
  ['development', () => stack.url],
  ['production', () => production.url],
])('hostile input (%s)', (_mode, url) => {
  beforeAll(() => {
    target = url;
  });

  it.each(cases)('answers %s with a clear error and keeps serving', async (_name, run, status, code) => {
    const logged = errorLogs.length;
    const answer = await run();
    expect([status].flat()).toContain(answer.status);
    if (code) expect(codeOf(answer)).toBe(code);
    expect(answer.text).not.toContain('INTERNAL_SERVER_ERROR');
    if (answer.body?.errors)
      for (const error of answer.body.errors) expect(error.message.length).toBeGreaterThan(0);
    // Nothing private or internal in any answer.
    expect(answer.text).not.toContain(customerEmail);
    expect(answer.text).not.toMatch(/\n\s+at |stacktrace|ECONNREFUSED|node_modules/);
    for (const host of internalUrls()) expect(answer.text).not.toContain(host);
    // And a normal request right after is answered as usual (5 s only guards against a hung gateway).
    const started = Date.now();
    const normal = await query('{ departments { slug } }');
    expect(normal.status).toBe(200);
    expect((normal.body?.data as { departments: unknown[] }).departments).toHaveLength(8);
    expect(Date.now() - started).toBeLessThan(5_000);
    // A client's mistake is not the gateway's error: nothing logged at error level.
    expect(errorLogs.slice(logged)).toEqual([]);
  });
});

describe('identity side doors', () => {
  it('ignores identity headers a client sends to the gateway', async () => {
    const forged = await signInternalIdentity(
      { customerId: '3', segment: 'vip', roles: ['admin'] },
      DEVELOPMENT_INTERNAL_SECRET,
    );
    const answer = await query('{ me { id email } }', undefined, {
      [IDENTITY_HEADER]: forged,
      'x-customer-id': '3',
    });
    expect(answer.body).toEqual({ data: { me: null } });
  });

  it('gives nothing to a direct subgraph call with a forged x-customer-id', async () => {
    const answer = await send(stack.subgraphUrls['customer']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-customer-id': '3', 'x-commerce-customer-id': '3' },
      body: JSON.stringify({ query: '{ me { id email } }' }),
    });
    expect(answer.body).toEqual({ data: { me: null } });
  });

  it('refuses a direct subgraph call whose identity token is forged', async () => {
    const forged = await signInternalIdentity(
      { customerId: '3', segment: null, roles: ['admin'] },
      'z'.repeat(48),
    );
    const answer = await send(stack.subgraphUrls['customer']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: forged },
      body: JSON.stringify({ query: '{ me { id email } }' }),
    });
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain(customerEmail);
  });

  it('does not answer another customer through _entities at the subgraph', async () => {
    const own = await signInternalIdentity(
      { customerId: '4', segment: null, roles: [] },
      DEVELOPMENT_INTERNAL_SECRET,
    );
    const answer = await send(stack.subgraphUrls['customer']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: own },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }',
        variables: { r: [{ __typename: 'Customer', id: '3' }] },
      }),
    });
    expect(codeOf(answer)).toBe('FORBIDDEN');
    expect(answer.text).not.toContain(customerEmail);
  });

  it('reads the bearer scheme in any case (RFC 7235)', async () => {
    const token = await stack.token('3');
    for (const scheme of ['bearer', 'BEARER']) {
      const answer = await query('{ me { id } }', undefined, { authorization: `${scheme} ${token}` });
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 200,
        body: { data: { me: { id: '3' } } },
      });
    }
  });

  it('hides field suggestions in production', async () => {
    const answer = await post(JSON.stringify({ query: '{ departments { nam } }' }), {}, () => production.url);
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/Did you mean/);
  });
});

describe('automatic persisted queries in production', () => {
  const lookup = (document: string, url: string, headers: Record<string, string> = {}) =>
    post(JSON.stringify({ extensions: apq(sha256(document)) }), headers, () => url);
  const register = (document: string, url: string, headers: Record<string, string> = {}) =>
    post(JSON.stringify({ query: document, extensions: apq(sha256(document)) }), headers, () => url);
  /** A valid document of 1,000 bytes, distinct per `tag`. */
  const documentOf = (tag: string) => {
    const head = `${DEPARTMENTS} # ${tag} `;
    return head + 'x'.repeat(1_000 - head.length);
  };

  it('stores nothing for a registration refused for its size', async () => {
    expect((await register(HUGE_DOCUMENT, production.url)).status).toBe(413);
    const answer = await lookup(HUGE_DOCUMENT, production.url);
    expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it("refuses registrations past the caller's hourly byte budget with 429, storing nothing", async () => {
    const limited = await startProductionGateway({
      RATE_LIMIT_ENABLED: 'false',
      APQ_MAX_BYTES: '1024',
      APQ_BUDGET_BYTES_PER_HOUR: '2048',
    });
    expect((await register(documentOf('one'), limited.url)).status).toBe(200);
    expect((await register(documentOf('two'), limited.url)).status).toBe(200);
    const response = await fetch(limited.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: documentOf('three'), extensions: apq(sha256(documentOf('three'))) }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(3_000);
    expect(((await response.json()) as Answer['body'])?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(codeOf(await lookup(documentOf('three'), limited.url))).toBe('PERSISTED_QUERY_NOT_FOUND');
    // What was registered within the budget answers by id; another caller has a budget of its own.
    expect((await lookup(documentOf('one'), limited.url)).body?.data).toEqual({
      departments: expect.arrayContaining([{ id: '1' }]),
    });
    const customer = { authorization: `Bearer ${await stack.token('5')}` };
    expect((await register(documentOf('three'), limited.url, customer)).status).toBe(200);
    expect(errorLogs).toEqual([]);
  });
});

describe('partial answers in production', () => {
  let fake: Server;
  afterAll(() => new Promise((resolve) => fake?.close(resolve)));

  it("does not pass on Apollo Gateway's valueCompletion extension", async () => {
    // A catalog that leaves a non-null field null: Apollo Gateway nulls the list and explains it in extensions.
    fake = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { departments: [{ id: '1', name: null }] } }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const catalog = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
    const options = { CACHE_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false', SUBGRAPH_CATALOG_URL: catalog };
    const development = await stack.startGateway(options);
    const partial = '{ departments { id name } }';
    const shown = await post(JSON.stringify({ query: partial }), {}, () => development.url);
    expect(shown.text).toContain('valueCompletion');
    const gateway = await startProductionGateway(options);
    const answer = await post(JSON.stringify({ query: partial }), {}, () => gateway.url);
    expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '{"data":null}\n' });
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client goes over its limit', async () => {
    const limited = await stack.startGateway({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '5' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 7; attempt++) {
      const response = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ departments { id } }' }),
      });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // A signed-in customer is counted on their own, not with the anonymous address.
    const signedIn = await limited.post('{ departments { id } }', {}, { token: await stack.token('9') });
    expect(signedIn.status).toBe(200);
  });

  const statusesOf = async (url: string, times: number, headers: Record<string, string>, body: object) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < times; attempt++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      statuses.push(response.status);
      await response.text();
    }
    return statuses;
  };
  const limits = { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_CUSTOMER: '3', RATE_LIMIT_PARTNER: '3' };

  it('counts two callers with one public API key apart', async () => {
    const limited = await startProductionGateway({ ...limits, RATE_LIMIT_PARTNER: '1000' });
    const body = { query: '{ departments { id } }' };
    const key = { 'x-api-key': 'dev-storefront-key' };
    const first = { ...key, authorization: `Bearer ${await stack.token('5')}` };
    const second = { ...key, authorization: `Bearer ${await stack.token('6')}` };
    expect(await statusesOf(limited.url, 4, first, body)).toEqual([200, 200, 200, 429]);
    expect(await statusesOf(limited.url, 1, second, body)).toEqual([200]);
    // Signed out, the same key counts per address, apart from both customers.
    expect(await statusesOf(limited.url, 4, key, body)).toEqual([200, 200, 200, 429]);
  });

  it('counts every caller with one secret API key in one bucket', async () => {
    const limited = await startProductionGateway(limits);
    const manifest = JSON.parse(
      await readFile(path.join(root, 'schema', 'persisted-query-manifest.json'), 'utf8'),
    ) as { operations: { id: string; name: string }[] };
    const home = manifest.operations.find((operation) => operation.name === 'HomePage')!;
    const body = { extensions: apq(home.id) };
    const key = { 'x-api-key': 'dev-partner-key' };
    const first = { ...key, authorization: `Bearer ${await stack.token('5')}` };
    const second = { ...key, authorization: `Bearer ${await stack.token('6')}` };
    expect(await statusesOf(limited.url, 3, first, body)).toEqual([200, 200, 200]);
    expect(await statusesOf(limited.url, 1, second, body)).toEqual([429]);
  });

  it('counts invalid JSON, oversized bodies, operator routes and unknown paths; never health checks', async () => {
    const limited = await startProductionGateway({ RATE_LIMIT_ANONYMOUS: '5', MAX_BODY_BYTES: '1024' });
    const invalid = () => post('{"query": ', {}, () => limited.url);
    const statuses = [
      (await invalid()).status,
      (await invalid()).status,
      (await post(`{"query": "${'x'.repeat(2_000)}"}`, {}, () => limited.url)).status,
      (await send(limited.url, { path: '/admin/cache/stats' })).status,
      (await send(limited.url, { path: '/nowhere' })).status,
    ];
    expect(statuses).toEqual([400, 400, 413, 401, 404]);
    const flood = await invalid();
    expect(flood.status).toBe(429);
    expect(codeOf(flood)).toBe('RATE_LIMITED');
    expect((await send(limited.url, { path: '/admin/cache/stats' })).status).toBe(429);
    expect((await send(limited.url, { path: '/health/live' })).status).toBe(200);
    expect((await send(limited.url, { path: '/health/ready' })).status).toBe(200);
    expect(errorLogs).toEqual([]);
  });
});
