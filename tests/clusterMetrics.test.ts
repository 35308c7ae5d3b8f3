import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_INTERNAL_SECRET } from '../contracts/internalIdentity.js';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { DEVELOPMENT_AUTH_SECRET } from '../gateway/config.js';
import { buildProject, type Build } from './support/build.js';
import { sample, scrape, seriesOf, type Samples } from './support/prometheus.js';
import { startStack, type Stack } from './support/stack.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

/** Every request counted, over all of `gateway_requests_total`'s series. */
function requestsCounted(samples: Samples): number {
  return seriesOf(samples, 'gateway_requests_total').reduce((sum, key) => sum + samples.get(key)!, 0);
}

/** The value of label `label` in each series of `name`. */
function labelValues(samples: Samples, name: string, label: string): string[] {
  return seriesOf(samples, name)
    .map((key) => new RegExp(`[{,]${label}="([^"]*)"`).exec(key)?.[1] ?? '')
    .sort();
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The topology an operator runs: `npm run build`'s output, a cluster of two workers in production mode, its metrics
// port scraped as Prometheus would.
describe('the compiled gateway with GATEWAY_WORKERS=2 in production', () => {
  const REQUESTS = 12;
  let build: Build | undefined;
  let stack: Stack;
  let gateway: LoggedProcess;
  let url: URL;
  let metricsUrl: URL;
  let workerPids: number[];

  beforeAll(async () => {
    [build, stack] = await Promise.all([buildProject(), startStack()]);
    const metricsPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      AUTH_SECRET: DEVELOPMENT_AUTH_SECRET,
      INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_SECRET,
      GATEWAY_WORKERS: '2',
      GATEWAY_PORT: '0',
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
      SUBGRAPH_TIMEOUT_MS: '5000',
    };
    for (const [name, subgraphUrl] of Object.entries(stack.subgraphUrls)) {
      env[`SUBGRAPH_${name.toUpperCase()}_URL`] = subgraphUrl;
    }
    gateway = startLoggedCommand(process.execPath, [path.join(build.outDir, 'gateway', 'main.js')], env);
    const ready = await gateway.waitFor((line) => line.msg === 'gateway ready', 2, 120_000);
    url = new URL(String(ready[0]!['url']));
    metricsUrl = new URL(`http://127.0.0.1:${metricsPort}/metrics`);
    for (let attempt = 0; attempt < 100 && !(await fetch(metricsUrl).catch(() => undefined))?.ok; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    workerPids = ready.map((line) => Number(line['pid']));
  }, 400_000);
  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) {
      gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
    await stack?.stop();
    await build?.remove();
  });

  it('answers every scrape of the metrics port with the requests of both workers summed', async () => {
    const caches: string[] = [];
    for (let call = 0; call < REQUESTS; call++) {
      // A connection per request: the cluster hands each new one to the next worker.
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ query: '{ departments { id name } }' }),
      });
      expect(response.status).toBe(200);
      caches.push(String(response.headers.get('x-cache')));
      await response.body?.cancel();
    }
    // Each worker has a cache of its own and missed once: both served.
    expect(caches.filter((status) => status === 'MISS')).toHaveLength(2);

    // A request is counted once its answer has gone out, which the client may see first.
    const deadline = Date.now() + 10_000;
    while (requestsCounted(await scrape(String(metricsUrl))) !== REQUESTS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const counted: number[] = [];
    for (let scrapeNumber = 0; scrapeNumber < 8; scrapeNumber++) {
      counted.push(requestsCounted(await scrape(String(metricsUrl))));
    }
    expect(counted).toEqual(Array(8).fill(REQUESTS));
  }, 60_000);

  it("keeps event-loop lag per worker, and names each worker's instance as its spans do", async () => {
    const samples = await scrape(String(metricsUrl));
    expect(labelValues(samples, 'nodejs_eventloop_lag_p99_seconds', 'worker')).toEqual(['1', '2']);
    expect(labelValues(samples, 'target_info', 'service_instance_id')).toEqual(
      workerPids.map((pid) => `${hostname()}:${pid}`).sort(),
    );
    // One version for the gateway, not one per worker.
    expect(seriesOf(samples, 'gateway_schema_info')).toHaveLength(1);
    expect(sample(samples, 'gateway_subgraph_circuit_state', { subgraph: 'catalog', state: 'closed' })).toBe(
      1,
    );
  });

  it('tells the public ready or not, and the metrics port and administrators the detail', async () => {
    const publicReady = await fetch(new URL('/health/ready', url));
    expect([publicReady.status, await publicReady.json()]).toEqual([200, { status: 'ready' }]);

    const source = { status: 'ok', since: expect.any(String), lastReadAt: expect.any(String) };
    const detail = {
      subgraphs: expect.any(Object),
      redis: { status: 'not configured' },
      supergraphSource: source,
      operationsSource: source,
    };
    const onMetricsPort = await fetch(new URL('/health/ready', metricsUrl));
    const body = (await onMetricsPort.json()) as { subgraphs: Record<string, unknown> };
    expect([onMetricsPort.status, body]).toEqual([
      200,
      { status: 'ready', schemaVersion: expect.stringMatching(/^[0-9a-f]{8,}$/), ...detail },
    ]);
    expect(Object.keys(body.subgraphs).sort()).toEqual(
      supergraphSubgraphs()
        .map(({ name }) => name)
        .sort(),
    );

    const admin = await stack.token('admin-1', { roles: ['admin'] });
    const forAdmin = await fetch(new URL('/health/ready', url), {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await forAdmin.json()).toMatchObject(detail);

    // The metrics port serves the metrics: the GraphQL port does not, whoever asks.
    const asked: Record<string, string>[] = [{}, { authorization: `Bearer ${admin}` }];
    for (const headers of asked) {
      const metrics = await fetch(new URL('/metrics', url), { headers });
      expect(metrics.status).toBe(404);
      expect(await metrics.text()).not.toContain('gateway_requests_total');
    }
  });

  it('stops the workers and the metrics server on SIGTERM and exits 0', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });
});
