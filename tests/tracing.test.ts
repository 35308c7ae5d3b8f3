import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';
import { parse } from 'graphql';
import { readFile } from 'node:fs/promises';
import { SUBGRAPH_SPAN_ATTRIBUTE } from '../contracts/tracing.js';
import { operation, startStack, type Stack } from './support/stack.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let stack: Stack;

beforeAll(async () => {
  // What `startTracing` registers, with an exporter the test can read instead of OTLP.
  provider.register();
  // No cache: every query-plan fetch reaches its subgraph.
  stack = await startStack({ CACHE_ENABLED: 'false' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

/** The subgraph of every fetch in the plan, in plan order. */
function fetchesOf(node: PlanNode | SubscriptionNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Condition':
      throw new Error(`ProductPage's plan has a condition (${node.condition}); this test counts plain plans`);
    case 'Defer':
    case 'Subscription':
      throw new Error(`ProductPage's plan has a ${node.kind} node; this test counts plain plans`);
  }
}

async function productPagePlan(query: string): Promise<string[]> {
  const supergraph = Supergraph.build(await readFile(stack.config.supergraphPath, 'utf8'));
  const apiSchema = supergraph.apiSchema();
  const plan = new QueryPlanner(supergraph).buildQueryPlan(
    operationFromDocument(apiSchema, parse(query), { operationName: 'ProductPage' }),
  );
  return fetchesOf(plan.node);
}

/** The gateway's span for a client request. */
const isGatewayRequest = (span: ReadableSpan) =>
  span.kind === SpanKind.SERVER && span.instrumentationScope.name === 'commerce-gateway';

/** Spans are exported as they end; the gateway's request span ends as its response finishes, maybe after the client read it. */
async function spansOnceRequestEnded(): Promise<ReadableSpan[]> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const spans = exporter.getFinishedSpans();
    if (spans.some(isGatewayRequest)) return spans;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the request span never ended');
}

describe('tracing', () => {
  it('traces ProductPage from the client request through every subgraph fetch to its SQL', async () => {
    const [product] = await stack.db.query<{ slug: string }>('SELECT slug FROM catalog.product WHERE id = 7');
    const query = await operation('ProductPage');
    const plannedFetches = await productPagePlan(query);
    const token = await stack.token('1');
    exporter.reset();
    stack.reports.length = 0;

    const { status, body } = await stack.post(query, { slug: product!.slug, relatedCount: 4 }, { token });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const spans = await spansOnceRequestEnded();

    const childrenOf = (parent: ReadableSpan) =>
      spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
    const roots = spans.filter((span) => !span.parentSpanContext);
    expect(roots.map((span) => [span.name, span.kind])).toEqual([['POST', SpanKind.SERVER]]);
    const root = roots[0]!;
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(
      new Set([root.spanContext().traceId]),
    );
    expect(
      spans.filter((span) => span.name === 'gateway.request').map((span) => span.parentSpanContext?.spanId),
    ).toEqual([root.spanContext().spanId]);

    // Apollo Gateway's span per query-plan fetch: as many as the plan has, to the same subgraphs.
    const fetches = spans.filter((span) => span.name === 'gateway.fetch');
    expect(fetches.map((span) => span.attributes['service']).sort()).toEqual([...plannedFetches].sort());
    expect(plannedFetches.length).toBeGreaterThanOrEqual(4);

    for (const fetch of fetches) {
      const subgraph = fetch.attributes['service'];
      // One HTTP request per fetch, and the subgraph's server span under it: traceparent crossed the wire.
      const requests = childrenOf(fetch).filter((span) => span.name === 'subgraph.request');
      expect(requests.map((span) => [span.kind, span.attributes[SUBGRAPH_SPAN_ATTRIBUTE]])).toEqual([
        [SpanKind.CLIENT, subgraph],
      ]);
      const served = childrenOf(requests[0]!);
      expect(served.map((span) => [span.kind, span.attributes[SUBGRAPH_SPAN_ATTRIBUTE]])).toEqual([
        [SpanKind.SERVER, subgraph],
      ]);
      expect(served[0]!.name).toMatch(/^query ProductPage__\w+__\d+$/);

      // The SQL the subgraph ran for it, parameterised: the slug looked up is not in any statement.
      const statements = childrenOf(served[0]!);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.kind).toBe(SpanKind.CLIENT);
        expect(statement.attributes['db.system.name']).toBe('postgresql');
        const text = String(statement.attributes['db.query.text']);
        expect(statement.name).toBe(/^\s*(\w+)/.exec(text)?.[1]?.toUpperCase());
        expect(text).toMatch(/\bSELECT\b[\s\S]*\$1/);
        expect(text).not.toContain(product!.slug);
      }
      // Exactly the statements that subgraph request ran.
      const operationName = served[0]!.attributes['graphql.operation.name'];
      const report = stack.reports.find((candidate) => candidate.operationName === operationName);
      expect(statements.map((span) => span.attributes['db.query.text']).sort()).toEqual(
        [...(report?.statements ?? [])].sort(),
      );
    }
  });

  it('names the operation and the cache status on the span of an answer from the response cache', async () => {
    const caching = await stack.startGateway({ CACHE_ENABLED: 'true' });
    const query = 'query Departments { departments { id name } }';
    expect((await caching.post(query)).headers.get('x-cache')).toBe('MISS');
    exporter.reset();
    const hit = await caching.post(query);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const spans = await spansOnceRequestEnded();
    const request = spans.find(isGatewayRequest);
    expect(request?.attributes).toMatchObject({
      'gateway.cache.status': 'HIT',
      'graphql.operation.name': 'Departments',
      'http.response.status_code': 200,
    });
    // Nothing ran under it: no plan, no subgraph.
    expect(spans.filter((span) => span.name === 'gateway.request')).toEqual([]);
  });

  it('continues the trace a caller started with traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    exporter.reset();
    await stack.post('{ __typename }', undefined, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const request = (await spansOnceRequestEnded()).find(isGatewayRequest);
    expect(request?.spanContext().traceId).toBe(traceId);
    expect(request?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });
});
