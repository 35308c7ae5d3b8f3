import { DEVELOPMENT_INTERNAL_SECRET } from '../contracts/internalIdentity.js';
import { DEVELOPMENT_AUTH_SECRET } from '../gateway/config.js';
import { startStack, type Stack, type TestGateway } from './support/stack.js';

interface Readiness {
  status: string;
  schemaVersion?: string;
  subgraphs?: Record<string, { status: string }>;
  redis?: { status: string };
}

async function readiness(stack: Stack): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(new URL('/health/ready', stack.url));
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe('gateway health endpoints', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 180_000);
  afterAll(() => stack?.stop());

  it('answers liveness without looking at anything else', async () => {
    const response = await fetch(new URL('/health/live', stack.url));
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
  });

  describe('in production', () => {
    const production = (env: NodeJS.ProcessEnv = {}) =>
      stack.startGateway({
        NODE_ENV: 'production',
        AUTH_SECRET: DEVELOPMENT_AUTH_SECRET,
        INTERNAL_AUTH_SECRET: DEVELOPMENT_INTERNAL_SECRET,
        ...env,
      });
    const get = async (gateway: TestGateway, path: string, token?: string) => {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const response = await fetch(new URL(path, gateway.url), { headers });
      const text = await response.text();
      return { status: response.status, text };
    };

    it('serves /metrics on the GraphQL port to an admin token only', async () => {
      const gateway = await production();
      const anonymous = await get(gateway, '/metrics');
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.text)).toMatchObject({
        errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
      });
      const customer = await get(gateway, '/metrics', await stack.token('7'));
      expect(customer.status).toBe(403);
      expect(JSON.parse(customer.text)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      const admin = await get(gateway, '/metrics', await stack.token('admin-1', { roles: ['admin'] }));
      expect(admin.status).toBe(200);
      expect(admin.text).toContain('gateway_requests_total');
    });

    it('tells anyone ready or not, and the metrics port and administrators the subgraphs, Redis and schema', async () => {
      const gateway = await production({ METRICS_PORT: '0' });
      expect(await get(gateway, '/health/ready')).toEqual({ status: 200, text: '{"status":"ready"}' });
      expect(await get(gateway, '/health/ready', await stack.token('7'))).toEqual({
        status: 200,
        text: '{"status":"ready"}',
      });

      const source = { status: 'ok', since: expect.any(String), lastReadAt: expect.any(String) };
      const detail = {
        status: 'ready',
        schemaVersion: expect.stringMatching(/^[0-9a-f]{8,}$/),
        supergraphSource: source,
        operationsSource: source,
        redis: { status: 'not configured' },
        subgraphs: expect.objectContaining({ catalog: { status: 'up' }, pricing: { status: 'up' } }),
      };
      const onMetricsPort = await fetch(new URL('/health/ready', gateway.metricsUrl));
      expect([onMetricsPort.status, await onMetricsPort.json()]).toEqual([200, detail]);
      const admin = await get(gateway, '/health/ready', await stack.token('admin-1', { roles: ['admin'] }));
      expect(JSON.parse(admin.text)).toEqual(detail);
      // With a metrics port, the GraphQL port serves no metrics at all.
      expect((await get(gateway, '/metrics')).status).toBe(404);
      expect((await fetch(gateway.metricsUrl)).status).toBe(200);
    });
  });

  it('reports the schema served, each subgraph and Redis, and stays ready (degraded) while a subgraph is down', async () => {
    const first = await readiness(stack);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'ready',
      schemaVersion: expect.stringMatching(/^[0-9a-f]{8,}$/),
      redis: { status: 'not configured' },
    });
    expect(first.body.subgraphs).toEqual({
      catalog: { status: 'up' },
      content: { status: 'up' },
      customer: { status: 'up' },
      inventory: { status: 'up' },
      pricing: { status: 'up' },
    });

    await stack.stopSubgraph('content');
    // Probes are cached for a few seconds, so the change shows within that window.
    let later = await readiness(stack);
    const deadline = Date.now() + 30_000;
    while (later.body.subgraphs?.['content']?.status === 'up' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      later = await readiness(stack);
    }
    expect(later.status).toBe(200);
    expect(later.body.status).toBe('degraded');
    expect(later.body.subgraphs).toMatchObject({
      content: { status: 'unreachable' },
      catalog: { status: 'up' },
    });
  }, 60_000);
});
