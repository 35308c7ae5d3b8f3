import type { ApolloServerPlugin } from '@apollo/server';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from '../../contracts/errors.js';
import { SUBGRAPH_SPAN_ATTRIBUTE } from '../../contracts/tracing.js';

const tracer = trace.getTracer('commerce-subgraph');

/** A request context that carries the request's server span. */
export interface TracedContext {
  span: Span;
}

/**
 * Starts the server span of one request to `subgraph`, continuing the trace the gateway sent in `traceparent`
 * (a root span when there is none). End it with `requestSpanPlugin`. Without a registered provider it is the
 * API's no-op span.
 */
export function startRequestSpan(subgraph: string, headers: IncomingHttpHeaders): Span {
  return tracer.startSpan(
    'graphql.request',
    { kind: SpanKind.SERVER, attributes: { [SUBGRAPH_SPAN_ATTRIBUTE]: subgraph } },
    propagation.extract(ROOT_CONTEXT, headers),
  );
}

/**
 * Names each request's span after its operation (`query ProductPage__catalog__0`), marks it failed when the
 * request met an unexpected error, and ends it as the response is sent.
 */
export function requestSpanPlugin<C extends TracedContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: { span }, operation, operationName }) {
          if (!operation) return;
          span.updateName(`${operation.operation}${operationName ? ` ${operationName}` : ''}`);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async didEncounterErrors({ contextValue: { span }, errors }) {
          if (
            errors.some(
              (error) =>
                (error.extensions['code'] ?? ErrorCode.InternalServerError) === ErrorCode.InternalServerError,
            )
          )
            span.setStatus({ code: SpanStatusCode.ERROR });
        },
        async willSendResponse({ contextValue: { span } }) {
          span.end();
        },
      };
    },
  };
}
