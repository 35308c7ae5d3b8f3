import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a failed scrape is reported; a pino logger fits. */
export interface MetricsLogger {
  error(details: object, message: string): void;
}

/** Anything that renders Prometheus text: the gateway's and each subgraph's metrics. */
export interface MetricsSource {
  render(): Promise<{ contentType: string; body: string }>;
}

/** Answers `GET /metrics` with `source` in Prometheus text format. */
export function metricsRoute(source: MetricsSource) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const { contentType, body } = await source.render();
    res.writeHead(200, { 'content-type': contentType }).end(req.method === 'HEAD' ? undefined : body);
  };
}

/** A metrics server on an admin port of its own. */
export interface MetricsServer {
  /** The metrics endpoint, e.g. `http://127.0.0.1:9464/metrics`. */
  url: string;
  close(): Promise<void>;
}

/** A further route of the metrics server, by exact path. */
export type MetricsServerRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves `source` at `/metrics` on `host:port` (0: any free port), and `routes` beside it (the gateway's detailed
 * `/health/ready`); every other path is not found. The port is meant for the monitoring network only.
 */
export async function startMetricsServer(
  source: MetricsSource,
  options: { port: number; host: string; logger: MetricsLogger; routes?: Record<string, MetricsServerRoute> },
): Promise<MetricsServer> {
  const routes: Record<string, MetricsServerRoute> = { ...options.routes, '/metrics': metricsRoute(source) };
  const server = createServer((req, res) => {
    const answer = routes[new URL(req.url ?? '/', 'http://metrics').pathname];
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    answer(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'metrics scrape failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
