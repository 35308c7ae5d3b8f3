import { hostname } from 'node:os';

/**
 * Where a program sends its spans. Gateway and subgraphs agree on W3C Trace Context (`traceparent`) to carry a
 * trace from one to the other; each exports its own spans over OTLP/HTTP.
 */
export interface TracingConfig {
  /**
   * The OTLP/HTTP traces endpoint: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, else `OTEL_EXPORTER_OTLP_ENDPOINT`
   * with `/v1/traces` appended, as the OpenTelemetry conventions define them.
   */
  endpoint: string;
  /** `service.name` of every span (`OTEL_SERVICE_NAME`). Default: the program's own name. */
  serviceName: string;
}

/**
 * This process among the instances of its service (`service.instance.id` on spans, `service_instance_id` on the
 * gateway's `target_info`): the host's name (a pod's name in Kubernetes) and the process id, so that two pods, or two
 * workers of one gateway, are told apart.
 */
export function serviceInstanceId(): string {
  return `${hostname()}:${process.pid}`;
}

/** The span attribute naming the subgraph a span belongs to, on both sides of a subgraph request. */
export const SUBGRAPH_SPAN_ATTRIBUTE = 'subgraph.name';

/**
 * Reads the tracing configuration from `env` (see `TracingConfig`). Neither endpoint set means no tracing: the
 * result is undefined. Throws, naming the variable, when an endpoint is not an http(s) URL.
 */
export function readTracingConfig(
  env: NodeJS.ProcessEnv,
  defaultServiceName: string,
): TracingConfig | undefined {
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const endpoint = traces
    ? readHttpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces)
    : base
      ? `${readHttpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base).replace(/\/+$/, '')}/v1/traces`
      : undefined;
  if (!endpoint) return undefined;
  return { endpoint, serviceName: env['OTEL_SERVICE_NAME'] || defaultServiceName };
}

function readHttpUrl(variable: string, raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  // The value may carry credentials: name the variable, never echo it.
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(`${variable} is not an http(s) URL such as http://collector:4318`);
  }
  return raw;
}
