import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How the proxy answers: `pass` forwards to the subgraph; `hang` never answers; `reset` drops the connection;
 * `status` answers that HTTP status; `html`, `truncated` and `no-data` answer 200 with a body that is not a GraphQL
 * response (an HTML page, JSON cut short, JSON with neither `data` nor `errors`); `no-entities` answers a GraphQL
 * response with no entity for any representation asked for.
 */
export type ProxyMode =
  | { kind: 'pass' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'status'; status: number }
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'no-data' }
  | { kind: 'no-entities' };

/** One request the proxy received. */
export interface ProxiedRequest {
  operation: 'query' | 'mutation';
  /** The `x-request-id` the gateway sent; undefined when it sent none. */
  requestId: string | undefined;
  /** The `x-request-id` the subgraph answered, once a forwarded request is answered. */
  answeredRequestId?: string | null;
}

/**
 * A subgraph's stand-in that forwards to it, or fails as told; it counts what it receives. `/health/ready` answers
 * as the subgraph's readiness would: forwarded in `pass` mode (and for bodies that are not GraphQL: the process is
 * up), that status in `status` mode, never in `hang`, a dropped connection in `reset`.
 */
export interface FaultyProxy {
  url: string;
  /** Every GraphQL request received, in order. */
  received: ProxiedRequest[];
  /** How many times `/health/ready` was asked. */
  readinessProbes(): number;
  /** Answers every request from now on as `mode`. */
  set(mode: ProxyMode): void;
  /** Answers the next `count` requests as `mode`, then as before. */
  failNext(count: number, mode: ProxyMode): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Starts a proxy in front of the subgraph at `target`, forwarding everything until told otherwise. */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  let mode: ProxyMode = { kind: 'pass' };
  const next: ProxyMode[] = [];
  const received: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const answer = async (req: IncomingMessage, res: ServerResponse, body: string, request: ProxiedRequest) => {
    const current = next.shift() ?? mode;
    switch (current.kind) {
      case 'hang':
        return;
      case 'reset':
        return void req.socket.destroy();
      case 'status':
        res.writeHead(current.status, { 'content-type': 'text/plain' }).end('unavailable');
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
        return;
      case 'truncated':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"_entities":[{"pri');
        return;
      case 'no-data':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
        return;
      case 'no-entities':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"_entities":[]}}');
        return;
      case 'pass': {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
        }
        const forwarded = await fetch(target, { method: req.method ?? 'POST', headers, body });
        request.answeredRequestId = forwarded.headers.get('x-request-id');
        const out: Record<string, string> = {};
        forwarded.headers.forEach((value, name) => {
          if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
        });
        res.writeHead(forwarded.status, out).end(await forwarded.text());
        return;
      }
    }
  };

  let readinessProbes = 0;
  const readiness = async (req: IncomingMessage, res: ServerResponse) => {
    readinessProbes += 1;
    switch (mode.kind) {
      case 'hang':
        return;
      case 'reset':
        return void req.socket.destroy();
      case 'status':
        res.writeHead(mode.status, { 'content-type': 'application/json' }).end('{"status":"unavailable"}');
        return;
      default: {
        const forwarded = await fetch(new URL('/health/ready', target));
        res.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(await forwarded.text());
      }
    }
  };

  const server = createServer((req, res) => {
    if (req.url === '/health/ready') return void readiness(req, res).catch(() => res.destroy());
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = String((JSON.parse(body || '{}') as { query?: unknown }).query ?? '');
      const requestId = req.headers['x-request-id'];
      const request: ProxiedRequest = {
        operation: /^\s*mutation\b/.test(query) ? 'mutation' : 'query',
        requestId: typeof requestId === 'string' ? requestId : undefined,
      };
      received.push(request);
      answer(req, res, body, request).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    readinessProbes: () => readinessProbes,
    set(newMode) {
      mode = newMode;
      next.length = 0;
    },
    failNext(count, failure) {
      for (let i = 0; i < count; i += 1) next.push(failure);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
