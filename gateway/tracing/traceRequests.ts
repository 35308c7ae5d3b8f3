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
 * span is the active context while the request is handled. Answers from the response cache get a span too, with
 * their operation name and cache status (see `metrics/requestObserver.ts`).
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
    const recording = span.isRecording();
    // Whether the answer has gone out (or the connection closed): every listener of that event has then run.
    let done = false;
    if (recording) {
      res.once('finish', () => (done = true));
      res.once('close', () => (done = true));
    }
    const handled = context.with(trace.setSpan(parent, span), () => listener(req, res));
    if (recording) {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
        if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      // Ended once the handler is done and the answer has gone out, so that what the handler notes as it goes out
      // (the request observer: operation name, cache status) is on the span.
      const afterHandling = () => {
        if (done) return end();
        res.once('finish', end);
        res.once('close', end);
      };
      void Promise.resolve(handled).then(afterHandling, afterHandling);
    }
    return handled;
  };
}
