import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphUnavailableError } from '../../errors.js';
import { SubgraphBreakers, type BreakerState } from '../SubgraphBreakers.js';

const down = async (): Promise<string> => {
  throw new SubgraphUnavailableError('pricing', { kind: 'connection' });
};

/** Runs `fetch` through the pricing circuit `times` times, swallowing failures. */
async function runTimes(breakers: SubgraphBreakers, times: number, fetch: () => Promise<string>) {
  for (let i = 0; i < times; i += 1) await breakers.execute('pricing', fetch).catch(() => undefined);
}

/** Sends `fetch` through the pricing circuit every 50 ms until `done()`, for at most ten seconds. */
async function until(breakers: SubgraphBreakers, fetch: () => Promise<string>, done: () => boolean) {
  for (let waited = 0; waited < 10_000 && !done(); waited += 50) {
    await breakers.execute('pricing', fetch).catch(() => undefined);
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SubgraphBreakers', () => {
  it('opens after the configured consecutive failures and then fails fast without fetching', async () => {
    const breakers = new SubgraphBreakers({ failures: 3, cooldownMs: 60_000 });
    await runTimes(breakers, 2, down);
    expect(breakers.stateOf('pricing')).toBe('closed');
    await runTimes(breakers, 1, down);
    expect(breakers.stateOf('pricing')).toBe('open');

    let fetched = 0;
    const fetch = async () => String((fetched += 1));
    await expect(breakers.execute('pricing', fetch)).rejects.toMatchObject({
      kind: 'circuit-open',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'pricing' },
    });
    expect(fetched).toBe(0);
  });

  it('keeps circuits apart: one subgraph open does not stop another', async () => {
    const breakers = new SubgraphBreakers({ failures: 1, cooldownMs: 60_000 });
    await runTimes(breakers, 1, down);
    await expect(breakers.execute('catalog', async () => 'answer')).resolves.toBe('answer');
    expect(breakers.states()).toEqual({ pricing: 'open', catalog: 'closed' });
  });

  it('resets the count on a success, so only failures in a row open it', async () => {
    const breakers = new SubgraphBreakers({ failures: 2, cooldownMs: 60_000 });
    await runTimes(breakers, 1, down);
    await breakers.execute('pricing', async () => 'answer');
    await runTimes(breakers, 1, down);
    expect(breakers.stateOf('pricing')).toBe('closed');
  });

  it('does not count errors other than subgraph failures', async () => {
    const breakers = new SubgraphBreakers({ failures: 1, cooldownMs: 60_000 });
    await expect(
      breakers.execute('pricing', async () => {
        throw new Error('a bug');
      }),
    ).rejects.toThrow('a bug');
    expect(breakers.stateOf('pricing')).toBe('closed');
  });

  it('lets a probe through after the cooldown: success closes, failure reopens, and listeners hear each change', async () => {
    const breakers = new SubgraphBreakers({ failures: 1, cooldownMs: 100 });
    const changes: [string, BreakerState][] = [];
    const stop = breakers.onStateChange((subgraph, state) => changes.push([subgraph, state]));
    await runTimes(breakers, 1, down);
    // Past the cooldown the next fetch is a probe; this one fails, and the circuit opens again.
    await until(breakers, down, () => changes.length >= 3);
    expect(breakers.stateOf('pricing')).toBe('open');
    await until(
      breakers,
      async () => 'answer',
      () => breakers.stateOf('pricing') === 'closed',
    );
    expect(breakers.stateOf('pricing')).toBe('closed');
    stop();
    await runTimes(breakers, 1, down);
    expect(changes.map(([, state]) => state)).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
    expect(changes.every(([subgraph]) => subgraph === 'pricing')).toBe(true);
  });

  it('reports a subgraph not fetched yet as closed', () => {
    expect(new SubgraphBreakers({ failures: 1, cooldownMs: 100 }).stateOf('content')).toBe('closed');
  });
});

describe('SubgraphBreakers readiness probes', () => {
  /** A stand-in subgraph whose `/health/ready` answers `ready()`'s status; counts the probes. */
  async function subgraph(ready: () => number) {
    let probes = 0;
    const server = createServer((req, res) => {
      if (req.url === '/health/ready') probes += 1;
      res.writeHead(req.url === '/health/ready' ? ready() : 404).end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      probes: () => probes,
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  /** Polls `done` every 20 ms for at most `ms`. */
  async function poll(done: () => boolean, ms: number) {
    for (let waited = 0; waited < ms && !done(); waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('closes an open circuit once the subgraph answers ready, long before the cooldown, without a fetch', async () => {
    let status = 503;
    const pricing = await subgraph(() => status);
    const breakers = new SubgraphBreakers({ failures: 1, cooldownMs: 600_000, readinessIntervalMs: 100 });
    const changes: BreakerState[] = [];
    breakers.onStateChange((_subgraph, state) => changes.push(state));
    breakers.route({ pricing: pricing.url });
    try {
      await runTimes(breakers, 1, down);
      expect(breakers.stateOf('pricing')).toBe('open');
      // Not ready: probed, one at a time, and still open.
      await poll(() => pricing.probes() >= 3, 5_000);
      expect(pricing.probes()).toBeGreaterThanOrEqual(3);
      expect(breakers.stateOf('pricing')).toBe('open');
      status = 200;
      await poll(() => breakers.stateOf('pricing') === 'closed', 5_000);
      expect(breakers.stateOf('pricing')).toBe('closed');
      expect(changes).toEqual(['open', 'half-open', 'closed']);
      // Closed: no more probes.
      const probes = pricing.probes();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pricing.probes()).toBe(probes);
      await expect(breakers.execute('pricing', async () => 'answer')).resolves.toBe('answer');
    } finally {
      breakers.close();
      await pricing.close();
    }
  });

  it('lists every routed subgraph as closed before any fetch, and forgets one no longer routed', () => {
    const breakers = new SubgraphBreakers({ failures: 1, cooldownMs: 100 });
    breakers.route({ catalog: 'http://127.0.0.1:1/graphql', pricing: 'http://127.0.0.1:2/graphql' });
    expect(breakers.states()).toEqual({ catalog: 'closed', pricing: 'closed' });
    breakers.route({ catalog: 'http://127.0.0.1:1/graphql' });
    expect(breakers.states()).toEqual({ catalog: 'closed' });
  });
});
