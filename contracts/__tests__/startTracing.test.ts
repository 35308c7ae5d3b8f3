import { context, propagation, trace } from '@opentelemetry/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { startTracing } from '../startTracing.js';

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('startTracing', () => {
  it('registers nothing without a config, so spans stay no-ops', () => {
    expect(startTracing(undefined)).toBeUndefined();
    expect(trace.getTracer('test').startSpan('work').isRecording()).toBe(false);
  });

  it('exports spans over OTLP/HTTP to the endpoint, under the service name and instance, by the time it stops', async () => {
    const received: { path: string | undefined; body: Buffer }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      const tracing = startTracing({
        endpoint: `http://127.0.0.1:${port}/v1/traces`,
        serviceName: 'tracing-test-service',
      });
      const span = trace.getTracer('test').startSpan('checkout-span');
      expect(span.isRecording()).toBe(true);
      span.end();
      await tracing?.stop();

      expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
      // Protobuf keeps strings as UTF-8 bytes.
      const body = received[0]!.body.toString('utf8');
      expect(body).toContain('tracing-test-service');
      expect(body).toContain('checkout-span');
      // Each process its own instance: two pods, or two workers of one gateway, are told apart.
      expect(body).toContain('service.instance.id');
      expect(body).toContain(`${hostname()}:${process.pid}`);
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
