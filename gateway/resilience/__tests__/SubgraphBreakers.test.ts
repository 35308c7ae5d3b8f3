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
