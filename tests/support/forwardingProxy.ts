import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A reverse proxy on loopback in front of a gateway; see {@link startForwardingProxy}. */
export interface ForwardingProxy {
  /** The proxy's `/graphql`, to send clients' requests to. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a reverse proxy on 127.0.0.1 that forwards every request to `target`'s origin and appends the client's
 * address to `X-Forwarded-For`, keeping what the client sent before it, as nginx's `$proxy_add_x_forwarded_for`
 * does (`deploy/compose/nginx.conf`). Clients can come from different loopback addresses (127.0.0.2, 127.0.0.3, ...)
 * to be different clients.
 */
export async function startForwardingProxy(target: string): Promise<ForwardingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const sent = req.headers['x-forwarded-for'];
    const peer = req.socket.remoteAddress ?? '';
    const forwardedFor = sent ? `${Array.isArray(sent) ? sent.join(', ') : sent}, ${peer}` : peer;
    const proxied = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.once('error', () => res.writeHead(502).end());
    req.pipe(proxied);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
