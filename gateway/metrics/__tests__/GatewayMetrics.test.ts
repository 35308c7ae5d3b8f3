import { hostname } from 'node:os';
import { AggregatorRegistry } from 'prom-client';
import { CacheMetrics } from '../../cache/CacheMetrics.js';
import type { SourceStates } from '../../schema/SourceHealth.js';
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

  it('labels the version served and counts reloads by outcome, every outcome from the start', async () => {
    let version = '';
    const metrics = new GatewayMetrics({
      operations: [],
      cache: new CacheMetrics(),
      schemaVersion: () => version,
    });
    expect(await lines(metrics, 'gateway_schema_info')).toEqual([]);
    version = 'abc123';
    metrics.observeReload('swapped');
    metrics.observeReload('refused');
    metrics.observeReload('refused');
    expect(await lines(metrics, 'gateway_schema_info')).toEqual(['{version="abc123"} 1']);
    version = 'def456';
    expect(await lines(metrics, 'gateway_schema_info')).toEqual(['{version="def456"} 1']);
    expect((await lines(metrics, 'gateway_schema_reloads_total')).sort()).toEqual([
      '{outcome="refused"} 2',
      '{outcome="swapped"} 1',
      '{outcome="unreadable"} 0',
    ]);
  });

  it('names the instance its spans carry in target_info, and the worker on process series only', async () => {
    const alone = new GatewayMetrics({ operations: [], cache: new CacheMetrics() });
    expect(await lines(alone, 'target_info')).toEqual([
      `{service_name="gateway",service_instance_id="${hostname()}:${process.pid}"} 1`,
    ]);
    const worker = new GatewayMetrics({ operations: [], cache: new CacheMetrics(), worker: '3' });
    worker.observeRequest('ProductPage', undefined, 200, 0.01);
    expect(await lines(worker, 'target_info')).toEqual([
      `{service_name="gateway",service_instance_id="${hostname()}:${process.pid}",worker="3"} 1`,
    ]);
    expect(await lines(worker, 'nodejs_eventloop_lag_p99_seconds')).toEqual([
      expect.stringMatching(/^\{worker="3"\} /),
    ]);
    expect(await lines(worker, 'gateway_requests_total')).toEqual([
      '{operation="other",client="anonymous",status="200"} 1',
    ]);
  });

  it("merges workers' series as the cluster primary does: counts summed, states and versions not", async () => {
    const workers = ['1', '2'].map(
      (worker) =>
        new GatewayMetrics({ operations: [], cache: new CacheMetrics(), worker, schemaVersion: () => 'v1' }),
    );
    workers[0]!.observeRequest('Q', undefined, 200, 0.01);
    for (let call = 0; call < 3; call++) workers[1]!.observeRequest('Q', undefined, 200, 0.01);
    workers[0]!.watchCircuits(() => [
      ['pricing', 'open'],
      ['catalog', 'closed'],
    ]);
    workers[1]!.watchCircuits(() => [
      ['pricing', 'closed'],
      ['catalog', 'closed'],
    ]);
    const merged = AggregatorRegistry.aggregate(
      await Promise.all(workers.map((worker) => worker.registry.getMetricsAsJSON())),
    );
    const text = await merged.metrics();
    const of = (name: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .map((line) => line.slice(name.length))
        .sort();
    expect(of('gateway_requests_total')).toEqual(['{operation="other",client="anonymous",status="200"} 4']);
    expect(of('gateway_request_duration_seconds_count')).toEqual([
      '{operation="other",client="anonymous"} 4',
    ]);
    expect(of('gateway_subgraph_circuit_state')).toEqual([
      '{subgraph="catalog",state="closed"} 1',
      '{subgraph="catalog",state="half-open"} 0',
      '{subgraph="catalog",state="open"} 0',
      '{subgraph="pricing",state="closed"} 1',
      '{subgraph="pricing",state="half-open"} 0',
      '{subgraph="pricing",state="open"} 1',
    ]);
    expect(of('gateway_schema_info')).toEqual(['{version="v1"} 1']);
    expect(of('nodejs_eventloop_lag_p99_seconds')).toEqual([
      expect.stringMatching(/^\{worker="1"\} /),
      expect.stringMatching(/^\{worker="2"\} /),
    ]);
  });

  it("says whether the supergraph's and the operations' sources answer, and when they last did; over workers, the worst", async () => {
    const states: SourceStates[] = [
      {
        supergraph: { status: 'ok', since: 1_000, lastReadAt: 90_000 },
        operations: { status: 'ok', since: 1_000, lastReadAt: 90_000 },
      },
      {
        supergraph: { status: 'unreachable', since: 60_000, lastReadAt: 50_000, reason: 'fetch failed' },
        operations: { status: 'ok', since: 1_000, lastReadAt: 92_000 },
      },
    ];
    const workers = states.map(
      (state, index) =>
        new GatewayMetrics({
          operations: [],
          cache: new CacheMetrics(),
          worker: String(index + 1),
          sources: () => state,
        }),
    );
    expect(await lines(workers[1]!, 'gateway_supergraph_source_up')).toEqual([' 0']);
    expect(await lines(workers[1]!, 'gateway_supergraph_source_last_success_timestamp_seconds')).toEqual([
      ' 50',
    ]);
    expect(await lines(workers[1]!, 'gateway_operations_source_up')).toEqual([' 1']);
    const merged = AggregatorRegistry.aggregate(
      await Promise.all(workers.map((worker) => worker.registry.getMetricsAsJSON())),
    );
    const text = await merged.metrics();
    const of = (name: string) => text.split('\n').filter((line) => line.startsWith(`${name} `));
    expect(of('gateway_supergraph_source_up')).toEqual(['gateway_supergraph_source_up 0']);
    expect(of('gateway_supergraph_source_last_success_timestamp_seconds')).toEqual([
      'gateway_supergraph_source_last_success_timestamp_seconds 50',
    ]);
    expect(of('gateway_operations_source_up')).toEqual(['gateway_operations_source_up 1']);
    expect(of('gateway_operations_source_last_success_timestamp_seconds')).toEqual([
      'gateway_operations_source_last_success_timestamp_seconds 90',
    ]);
  });
});
