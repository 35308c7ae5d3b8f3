import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
} from '@opentelemetry/semantic-conventions';
import { SUBGRAPH_SPAN_ATTRIBUTE } from '../../contracts/tracing.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

const tracer = trace.getTracer('commerce-gateway');

/**
 * Wraps the fetcher of `subgraph`'s data source: each HTTP request it sends (a retry is another) gets a client
 * span, a child of the query-plan fetch it serves, and carries that span to the subgraph as W3C `traceparent`
 * (and `tracestate`), so the subgraph continues the same trace. With no provider registered there is no span
 * around the request to continue, and the request goes out as it came, without building a span that would record
 * nothing (about 2% of what the gateway allocated under load, in a sampling heap profile).
 */
export function tracedFetcher(subgraph: string, fetcher: Fetcher): Fetcher {
  return (url, init = {}) => {
    if (trace.getActiveSpan() === undefined) return fetcher(url, init);
    const method = init.method ?? 'GET';
    return tracer.startActiveSpan(
      'subgraph.request',
      {
        kind: SpanKind.CLIENT,
        attributes: { [SUBGRAPH_SPAN_ATTRIBUTE]: subgraph, [ATTR_HTTP_REQUEST_METHOD]: method },
      },
      async (span) => {
        const carrier: Record<string, string> = {};
        propagation.inject(context.active(), carrier);
        const sent =
          Object.keys(carrier).length > 0 ? { ...init, headers: { ...init.headers, ...carrier } } : init;
        try {
          const response = await fetcher(url, sent);
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}
