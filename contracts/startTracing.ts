import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_INSTANCE_ID, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { serviceInstanceId, type TracingConfig } from './tracing.js';

/** A registered tracer provider; `stop()` exports what is still buffered, then stops. */
export interface Tracing {
  stop(): Promise<void>;
}

/**
 * Registers the process-wide tracer provider: spans batched and exported to `config.endpoint` under the service's
 * name and this process's instance id (`serviceInstanceId`), context kept across
 * `await` by AsyncLocalStorage, and W3C `traceparent` read from and written to HTTP headers. Without a config it
 * registers nothing, on purpose: every tracer then stays `@opentelemetry/api`'s no-op, whose spans record nothing
 * and whose propagation writes no header, so tracing left off costs a few empty calls per request.
 */
export function startTracing(config: TracingConfig | undefined): Tracing | undefined {
  if (!config) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.serviceName,
      [ATTR_SERVICE_INSTANCE_ID]: serviceInstanceId(),
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.endpoint }))],
  });
  provider.register();
  return { stop: () => provider.shutdown() };
}
