import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A `node:http` request listener. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

const tracer = trace.getTracer('commerce-gateway');

/**
 * Runs `listener` for each client request inside a server span: the root of the request's trace, or a child of
 * the caller's when a proxy in front sends `traceparent`. Apollo Gateway's own spans (`gateway.request`,
 * `gateway.plan`, one `gateway.fetch` per query-plan fetch) and the subgraph requests nest under it, because the
 * span is the active context while the request is handled. Answers from the response cache get a span too.
 */
export function traceRequests(listener: RequestListener): RequestListener {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        // The path only: a GET's query string carries the operation's variables.
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: (req.url ?? '/').split('?')[0] },
      },
      parent,
    );
    // Without a registered provider the span is the API's no-op, which never records: skip the listeners then.
    if (span.isRecording()) {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
        if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      res.once('finish', end);
      res.once('close', end);
    }
    return context.with(trace.setSpan(parent, span), () => listener(req, res));
  };
}
