import { startStack, type Stack } from './support/stack.js';

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
