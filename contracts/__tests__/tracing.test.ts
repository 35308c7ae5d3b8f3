import { readTracingConfig } from '../tracing.js';

describe('readTracingConfig', () => {
  it('traces nothing when no OTLP endpoint is set', () => {
    expect(readTracingConfig({ OTEL_SERVICE_NAME: 'shop' }, 'gateway')).toBeUndefined();
  });

  it('appends the traces path to OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'gateway')).toEqual({
      endpoint: 'http://collector:4318/v1/traces',
      serviceName: 'gateway',
    });
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, before the base endpoint', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
      OTEL_SERVICE_NAME: 'shop-gateway',
    };
    expect(readTracingConfig(env, 'gateway')).toEqual({
      endpoint: 'https://traces.example/otlp',
      serviceName: 'shop-gateway',
    });
  });

  it('names the variable of an endpoint that is not an http(s) URL, without echoing it', () => {
    const read = () =>
      readTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://user:hunter2@collector:4317' }, 'gateway');
    expect(read).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT is not an http\(s\) URL/);
    expect(read).not.toThrow(/hunter2/);
  });
});
