import { CacheMetrics } from '../../cache/CacheMetrics.js';
import { GatewayMetrics, type CircuitState } from '../GatewayMetrics.js';

/** The sample lines of `name` in the metrics' text, as `labels value`. */
async function lines(metrics: GatewayMetrics, name: string): Promise<string[]> {
  const { body } = await metrics.render();
  return body
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => line.slice(name.length));
}

describe('GatewayMetrics', () => {
  it('gives registered operations a label of their own and every other name the shared one', async () => {
    const metrics = new GatewayMetrics({ operations: ['ProductPage'], cache: new CacheMetrics() });
    metrics.observeRequest('ProductPage', undefined, 200, 0.01);
    metrics.observeRequest('ProductPage', 'partner-dev', 200, 0.01);
    for (const name of ['Probe1', 'Probe2', undefined, null])
      metrics.observeRequest(name, undefined, 200, 0.01);
    metrics.observeRequest('ProductPage', undefined, 429, 0.001);
    expect((await lines(metrics, 'gateway_requests_total')).sort()).toEqual([
      '{operation="ProductPage",client="anonymous",status="200"} 1',
      '{operation="ProductPage",client="anonymous",status="429"} 1',
      '{operation="ProductPage",client="partner-dev",status="200"} 1',
      '{operation="other",client="anonymous",status="200"} 4',
    ]);
  });

  it('counts error codes outside the closed set under one label', async () => {
    const metrics = new GatewayMetrics({ operations: [], cache: new CacheMetrics() });
    for (const code of ['SUBGRAPH_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'MADE_UP_1', 'MADE_UP_2']) {
      metrics.observeError(code);
    }
    expect((await lines(metrics, 'gateway_errors_total')).sort()).toEqual([
      '{code="INTERNAL_SERVER_ERROR"} 1',
      '{code="SUBGRAPH_UNAVAILABLE"} 1',
      '{code="other"} 2',
    ]);
  });

  it('reports the cache counters as they are at each scrape, without counting them twice', async () => {
    const cache = new CacheMetrics();
    const metrics = new GatewayMetrics({ operations: [], cache });
    cache.record('entity', 'hit', 3);
    await metrics.render();
    cache.record('entity', 'hit');
    cache.record('response', 'stale');
    const counted = await lines(metrics, 'gateway_cache_events_total');
    expect(counted).toContain('{layer="entity",event="hit"} 4');
    expect(counted).toContain('{layer="response",event="stale"} 1');
    expect(counted).toContain('{layer="apq",event="invalidation"} 0');
  });

  it("shows each subgraph's current circuit state, read at scrape time", async () => {
    const states: Record<string, CircuitState> = { pricing: 'open', catalog: 'closed' };
    const metrics = new GatewayMetrics({ operations: [], cache: new CacheMetrics() });
    metrics.watchCircuits(() => Object.entries(states));
    expect(await lines(metrics, 'gateway_subgraph_circuit_state')).toEqual(
      expect.arrayContaining([
        '{subgraph="pricing",state="open"} 1',
        '{subgraph="pricing",state="closed"} 0',
      ]),
    );
    states['pricing'] = 'half-open';
    const after = await lines(metrics, 'gateway_subgraph_circuit_state');
    expect(after).toContain('{subgraph="pricing",state="half-open"} 1');
    expect(after).toContain('{subgraph="pricing",state="open"} 0');
    expect(after).toContain('{subgraph="catalog",state="closed"} 1');
  });

  it('counts subgraph fetches and failures by subgraph, and rate-limit refusals by class', async () => {
    const metrics = new GatewayMetrics({ operations: [], cache: new CacheMetrics() });
    metrics.observeFetch('pricing', 0.02, false);
    metrics.observeFetch('pricing', 5, true);
    metrics.observeRefusal('anonymous');
    expect(await lines(metrics, 'gateway_subgraph_fetch_duration_seconds_count')).toEqual([
      '{subgraph="pricing"} 2',
    ]);
    expect(await lines(metrics, 'gateway_subgraph_fetch_errors_total')).toEqual(['{subgraph="pricing"} 1']);
    expect(await lines(metrics, 'gateway_rate_limit_refusals_total')).toEqual(['{class="anonymous"} 1']);
  });
});
