import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { TEST_SEED_PLAN } from '../subgraphs/shared/testing/subgraphHarness.js';
import { heldPostJson, postJson, type HttpAnswer } from './support/httpClient.js';
import { ownDatabase } from './support/ownDatabase.js';
import { operation, startStack, type Stack } from './support/stack.js';

/**
 * How a request the server never accepted fails: a new connection refused, or a kept-alive connection the server
 * closed as idle while the client was sending on it (HTTP clients retry both; no answer was cut short).
 */
const NOT_ACCEPTED = ['ECONNREFUSED', 'ECONNRESET'];

/** Runs a program of this repository with tsx, `args` after it, and exactly `env`. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv): LoggedProcess {
  return startLoggedCommand(process.execPath, ['--import', 'tsx', script, ...args], {
    PATH: process.env['PATH'],
    LOG_LEVEL: 'info',
    ...env,
  });
}

/** A stand-in for a subgraph that answers like `target`, `delayMs` late: requests through it stay in flight. */
async function slowProxy(target: string, delayMs: number) {
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      setTimeout(() => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
            headers[name] = value;
        }
        void fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) }).then(async (answer) => {
          res.statusCode = answer.status;
          for (const name of ['content-type', 'cache-control', 'vary']) {
            const value = answer.headers.get(name);
            if (value) res.setHeader(name, value);
          }
          res.end(await answer.text());
        });
      }, delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An answer, or the code of the error that stopped it (ECONNREFUSED: never accepted). */
async function settle(answer: Promise<HttpAnswer>): Promise<HttpAnswer | string> {
  return answer.catch((error: NodeJS.ErrnoException) => error.code ?? String(error));
}

describe('graceful shutdown', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop());

  it('the gateway answers every accepted request in full after SIGTERM, then exits 0', async () => {
    const query = await operation('ProductPage');
    const [product] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.product ORDER BY id LIMIT 1',
    );
    const payload = { query, variables: { slug: product!.slug } };
    const pricing = await slowProxy(stack.subgraphUrls['pricing']!, 1_500);
    const env: NodeJS.ProcessEnv = {
      GATEWAY_WORKERS: '1',
      GATEWAY_PORT: '0',
      CACHE_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'false',
      SUPERGRAPH_POLL_INTERVAL_MS: '0',
      SUBGRAPH_TIMEOUT_MS: '30000',
      SHUTDOWN_TIMEOUT_MS: '60000',
    };
    for (const [name, url] of Object.entries(stack.subgraphUrls))
      env[`SUBGRAPH_${name.toUpperCase()}_URL`] = name === 'pricing' ? pricing.url : url;
    const gateway = run('gateway/main.ts', [], env);
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const [ready] = await gateway.waitFor((line) => line.msg === 'gateway ready', 1, 120_000);
      const url = String(ready!['url']);
      const expected = await postJson(url, payload);
      expect(expected.status).toBe(200);
      const expectedBody = JSON.parse(expected.body) as {
        data?: { product: { slug: string } };
        errors?: unknown;
      };
      expect(expectedBody.errors).toBeUndefined();
      expect(expectedBody.data?.product.slug).toBe(product!.slug);

      // Four requests wait on the slow subgraph, eight more queue on the same kept-alive connections, and two
      // have been accepted with their bodies still to come.
      const before = pricing.received();
      const stream = Array.from({ length: 12 }, () => settle(postJson(url, payload, agent)));
      const held = [heldPostJson(url, payload), heldPostJson(url, payload)];
      await Promise.all(held.map((request) => request.accepted));
      await until(() => pricing.received() >= before + 4);

      gateway.child.kill('SIGTERM');
      await gateway.waitFor((line) => line.msg === 'gateway stopping');
      for (const request of held) request.send();

      for (const answer of await Promise.all(held.map((request) => request.answer))) {
        expect(answer.status).toBe(200);
        expect(answer.body).toBe(expected.body);
        // Kept-alive clients are told to reconnect elsewhere.
        expect(answer.headers.connection).toBe('close');
      }
      const results = await Promise.all(stream);
      const answered = results.filter((result): result is HttpAnswer => typeof result !== 'string');
      // The four in flight at SIGTERM at least; requests queued behind them were refused a new connection, never cut.
      expect(answered.length).toBeGreaterThanOrEqual(4);
      for (const answer of answered) {
        expect(answer.status).toBe(200);
        expect(answer.body).toBe(expected.body);
      }
      expect(
        results.filter((result) => typeof result === 'string' && !NOT_ACCEPTED.includes(result)),
      ).toEqual([]);
      expect(await gateway.exited).toBe(0);
    } finally {
      agent.destroy();
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
      await pricing.close();
    }
  }, 240_000);

  it('a subgraph answers every accepted request in full after SIGTERM, reports its database, then exits 0', async () => {
    const database = await ownDatabase('pricing');
    const subgraph = run('subgraphs/main.ts', ['pricing'], {
      ...database.env,
      PRICING_PORT: '0',
      SEED_PRODUCTS: String(TEST_SEED_PLAN.products),
      SEED_CUSTOMERS: String(TEST_SEED_PLAN.customers),
      SHUTDOWN_TIMEOUT_MS: '60000',
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const [ready] = await subgraph.waitFor((line) => line.msg === 'subgraph ready', 1, 150_000);
      const url = String(ready!['url']);
      const live = await fetch(new URL('/health/live', url));
      expect(live.status).toBe(200);
      const readiness = await fetch(new URL('/health/ready', url));
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toEqual({ status: 'ready', database: 'up' });

      const payload = {
        query:
          '{ _entities(representations: [{ __typename: "Product", id: "1" }]) { ... on Product { id price { amount } } } }',
      };
      const expected = await postJson(url, payload);
      expect(expected.status).toBe(200);
      expect(JSON.parse(expected.body)).toMatchObject({ data: { _entities: [{ id: '1', price: {} }] } });

      const stream = Array.from({ length: 8 }, () => settle(postJson(url, payload, agent)));
      const held = [heldPostJson(url, payload), heldPostJson(url, payload), heldPostJson(url, payload)];
      await Promise.all(held.map((request) => request.accepted));
      subgraph.child.kill('SIGTERM');
      await subgraph.waitFor((line) => line.msg === 'subgraph stopping');
      for (const request of held) request.send();

      for (const answer of await Promise.all(held.map((request) => request.answer))) {
        expect(answer.status).toBe(200);
        expect(answer.body).toBe(expected.body);
        expect(answer.headers.connection).toBe('close');
      }
      const results = await Promise.all(stream);
      for (const result of results) {
        if (typeof result === 'string') expect(NOT_ACCEPTED).toContain(result);
        else expect([result.status, result.body]).toEqual([200, expected.body]);
      }
      expect(await subgraph.exited).toBe(0);
    } finally {
      agent.destroy();
      if (subgraph.child.exitCode === null) subgraph.child.kill('SIGKILL');
      await database.dispose();
    }
  }, 240_000);
});
