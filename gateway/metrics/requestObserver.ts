import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { CACHE_STATUS_HEADER } from '../cache/ResponseCache.js';
import type { GatewayContext } from '../GatewayContext.js';
import { REQUEST_ID_HEADER } from '../../contracts/requestId.js';
import type { GatewayMetrics } from './GatewayMetrics.js';
import type { OperationNames } from './OperationNames.js';

/** Longest operation name written to the log: a client chooses it. */
const MAX_LOGGED_NAME = 100;

/** The request span's attribute for the answer's cache status (`x-cache`: HIT, STALE, MISS, BYPASS). */
export const CACHE_STATUS_SPAN_ATTRIBUTE = 'gateway.cache.status';
/** The request span's attribute for the operation name, as OpenTelemetry's GraphQL conventions name it. */
export const OPERATION_NAME_SPAN_ATTRIBUTE = 'graphql.operation.name';

/**
 * Measures and logs each GraphQL request when its response has been sent: one JSON line with its request id,
 * operation, client, status, duration, cache status and subgraph fetch timings. Never headers, variables or the
 * answer: those carry tokens, keys and customer data. The operation name and cache status also go on the request's
 * span (`tracing/traceRequests.ts`): an answer from the response cache runs no Apollo span that would name them.
 */
export function requestObserver(metrics: GatewayMetrics, logger: Logger, operations: OperationNames) {
  // Every field of this line is named below and none can hold a header, variables or an answer, so it skips the
  // wildcard redaction every other line gets (`LOG_REDACTION`), which cost a tenth of a cache hit's CPU here.
  const requestLog = logger.child({}, { redact: [] });
  return (req: IncomingMessage, res: ServerResponse, context: GatewayContext | undefined, body: unknown) => {
    const observation = context?.observation;
    // The request's server span, active while the request is handled; a no-op when tracing is off.
    const span = trace.getActiveSpan();
    const startedAt = observation?.startedAt ?? performance.now();
    res.once('finish', () => {
      const ms = performance.now() - startedAt;
      const operation = observation?.operationName ?? nameOf(req, body, operations);
      const client = context?.client?.name;
      metrics.observeRequest(operation, client, res.statusCode, ms / 1000);
      const cache = res.getHeader(CACHE_STATUS_HEADER);
      if (span?.isRecording()) {
        const named = operation ?? namedIn(body);
        if (named) span.setAttribute(OPERATION_NAME_SPAN_ATTRIBUTE, named.slice(0, MAX_LOGGED_NAME));
        if (typeof cache === 'string') span.setAttribute(CACHE_STATUS_SPAN_ATTRIBUTE, cache);
      }
      requestLog.info(
        {
          requestId: res.getHeader(REQUEST_ID_HEADER),
          operation: operation?.slice(0, MAX_LOGGED_NAME),
          client,
          status: res.statusCode,
          durationMs: Math.round(ms * 10) / 10,
          cache,
          subgraphs: observation?.fetches,
        },
        'request',
      );
    });
  };
}

function nameOf(req: IncomingMessage, body: unknown, operations: OperationNames): string | undefined {
  if (req.method !== 'GET') return operations.nameOf(body);
  return operations.nameOf(undefined, new URL(req.url ?? '/', 'http://gateway').searchParams);
}

/** A document's first operation's name, read from its text without parsing it: for the span of a tracing run only. */
function namedIn(body: unknown): string | undefined {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return undefined;
  return /^(?:\s|#[^\n]*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
}
