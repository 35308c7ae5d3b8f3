import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import {
  startLoggedProcess,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { scrape, seriesOf, type Samples } from './support/prometheus.js';
import { operation, startStack, type Stack } from './support/stack.js';

const SET_PRICE = 'mutation ($input: SetPriceInput!) { setPrice(input: $input) { price { amount } } }';

interface Answer {
  headers: IncomingHttpHeaders;
  body: { data?: Record<string, unknown>; errors?: unknown[] };
}

/**
 * Posts on a connection of its own unless `agent` keeps one: the cluster hands each new connection to the next
 * worker, so consecutive calls reach every worker in turn, while a kept-alive connection stays with one.
 */
function post(url: string, query: string, variables: object, token?: string, agent?: Agent): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: agent ?? false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ headers: res.headers, body: JSON.parse(text) as Answer['body'] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Scrapes `/metrics` on a connection of its own, so that consecutive scrapes reach every worker in turn. */
function scrapeAnyWorker(url: string): Promise<Samples> {
  return scrape(String(new URL('/metrics', url)), { headers: { connection: 'close' } });
}

/** Every request counted, over all of `gateway_requests_total`'s series. */
function requestsCounted(samples: Samples): number {
  return seriesOf(samples, 'gateway_requests_total').reduce((sum, key) => sum + samples.get(key)!, 0);
}

describe('gateway/main.ts with GATEWAY_WORKERS=2 and no Redis', () => {
  let stack: Stack;
  let gateway: LoggedProcess;
  let url: string;
  let workerPids: number[];

  beforeAll(async () => {
    stack = await startStack();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      GATEWAY_WORKERS: '2',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
      SUBGRAPH_TIMEOUT_MS: '5000',
    };
    for (const [name, subgraphUrl] of Object.entries(stack.subgraphUrls)) {
      env[`SUBGRAPH_${name.toUpperCase()}_URL`] = subgraphUrl;
    }
    gateway = startLoggedProcess('gateway/main.ts', env);
    const ready = await gateway.waitFor((line) => line.msg === 'gateway ready', 2, 120_000);
    url = String(ready[0]!['url']);
    workerPids = ready.map((line) => Number(line['pid']));
  }, 180_000);
  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) {
      gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
    await stack?.stop();
  });

  it('runs two workers, other than the primary, on one port', () => {
    expect(new Set(workerPids).size).toBe(2);
    expect(workerPids).not.toContain(gateway.child.pid);
    expect(gateway.lines.filter((line) => line.msg === 'gateway ready').map((line) => line['url'])).toEqual([
      url,
      url,
    ]);
  });

  it('serves requests from both workers, each with a cache of its own', async () => {
    const statuses: string[] = [];
    for (let call = 0; call < 8; call++) {
      const { headers, body } = await post(url, '{ departments { id name } }', {});
      expect(body.errors).toBeUndefined();
      statuses.push(String(headers['x-cache']));
    }
    // One worker alone would miss once; two workers miss once each.
    expect(statuses.filter((status) => status === 'MISS')).toHaveLength(2);
    expect(statuses.filter((status) => status === 'HIT')).toHaveLength(6);
  });

  it('shows a price changed through one worker on the very next reads through every worker', async () => {
    const [product] = await stack.db.query<{ id: number; slug: string }>(
      'SELECT id, slug FROM catalog.product WHERE id = 23',
    );
    const productPage = await operation('ProductPage');
    const price = async () => {
      const { headers, body } = await post(url, productPage, { slug: product!.slug });
      expect(body.errors).toBeUndefined();
      const page = body.data as { product: { price: { amount: string } } };
      return { amount: page.product.price.amount, cache: headers['x-cache'] };
    };
    const before = [await price(), await price(), await price(), await price()];
    // Both workers hold the old page: without purges reaching every worker, one would keep serving it.
    expect(before.map((read) => read.cache)).toEqual(['MISS', 'MISS', 'HIT', 'HIT']);
    expect(before[0]!.amount).not.toBe('1.23');

    const admin = await stack.token('admin-1', { roles: ['admin'] });
    const variants = await stack.db.query<{ variant_id: number }>(
      "SELECT variant_id FROM pricing.price WHERE product_id = $1 AND market = 'US'",
      [product!.id],
    );
    // Every change through one worker: the other hears of it only through the primary.
    const oneWorker = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const { variant_id } of variants) {
      const input = { variantId: String(variant_id), market: 'US', amount: '1.23' };
      const { body } = await post(url, SET_PRICE, { input }, admin, oneWorker);
      expect(body.errors).toBeUndefined();
    }
    oneWorker.destroy();

    const after: string[] = [];
    for (let read = 0; read < 20; read++) after.push((await price()).amount);
    expect(after).toEqual(Array(20).fill('1.23'));
  });

  it("answers /metrics on the GraphQL port with both workers' requests, whichever worker is asked", async () => {
    const before = requestsCounted(await scrapeAnyWorker(url));
    for (let call = 0; call < 6; call++) await post(url, '{ departments { id } }', {});
    const deadline = Date.now() + 10_000;
    while (requestsCounted(await scrapeAnyWorker(url)) !== before + 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const counted: number[] = [];
    for (let scrape = 0; scrape < 6; scrape++) counted.push(requestsCounted(await scrapeAnyWorker(url)));
    expect(counted).toEqual(Array(6).fill(before + 6));
  });

  it('stops both workers on SIGTERM and exits 0', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    for (const pid of workerPids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
