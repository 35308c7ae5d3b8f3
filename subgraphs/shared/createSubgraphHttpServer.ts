import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ErrorCode } from '../../contracts/errors.js';
import { readRequestId, REQUEST_ID_HEADER } from '../../contracts/requestId.js';
import { isUnexpectedError } from './logUnexpectedErrors.js';
import { headerOf } from '../../contracts/headers.js';

/** Answers one request on a path of its own (operator endpoints such as `/metrics`). */
export type SubgraphRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What `/health/ready` reports; `ready` decides between 200 and 503. */
export interface SubgraphReadiness {
  ready: boolean;
  [detail: string]: unknown;
}

export interface SubgraphHttpServerOptions<C extends BaseContext> {
  /** Started before the server listens; asked for every request but the health checks and `routes`. */
  apollo: ApolloServer<C>;
  logger: Logger;
  /**
   * Builds the per-request context; a thrown GraphQLError is answered by Apollo Server. `requestId` is the gateway's
   * id for the client request (`x-request-id`), or a new one when it sent none or one that is not sane.
   */
  context(req: IncomingMessage, requestId: string): Promise<C>;
  /** What `/health/ready` answers (status 200 when ready, else 503). */
  readiness(): Promise<SubgraphReadiness>;
  /** Further routes by exact path. Default none. */
  routes?: Record<string, SubgraphRoute>;
  /** Largest accepted request body in bytes. Default 16 MiB (gateway batches of `_entities` can be large). */
  maxBodyBytes?: number;
}

/**
 * A subgraph's HTTP surface on plain `node:http`: `/health/live`, `/health/ready`, any `routes`, and GraphQL on
 * every other path (the gateway posts to the routing URL it was given). Every request takes the gateway's request
 * id from `x-request-id` (see `readRequestId`), answers it in the same header and logs its failures under it.
 */
export function createSubgraphHttpServer<C extends BaseContext>(
  options: SubgraphHttpServerOptions<C>,
): Server {
  const { apollo, logger, maxBodyBytes = 16 * 1024 * 1024 } = options;
  return createServer((req, res) => {
    const requestId = readRequestId(headerOf(req, REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    void handle(req, res, requestId).catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'subgraph request failed');
      if (!res.headersSent)
        sendJson(res, 500, graphQLError('Internal server error', ErrorCode.InternalServerError));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      const { ready, ...details } = await options.readiness();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', ...details });
    }
    const route = options.routes?.[url.pathname];
    if (route) return await route(req, res);

    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) return sendJson(res, body.status, graphQLError(body.message, ErrorCode.BadRequest));
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.search,
        body: body.value,
      },
      context: () =>
        options.context(req, requestId).catch((error: unknown) => {
          // Apollo Server answers it, masked when unexpected; only here is the request id known to log it with.
          if (isUnexpectedError(error)) logger.error({ err: error, requestId }, 'subgraph context failed');
          throw error;
        }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/** The body parsed as JSON when its content type says so; other bodies are left to Apollo Server to refuse. */
async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  if (req.method === 'GET' || req.method === 'HEAD') return { ok: true, value: undefined };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes)
      return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return { ok: true, value: text };
  try {
    return { ok: true, value: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
}

function graphQLError(message: string, code: ErrorCode): unknown {
  return { errors: [{ message, extensions: { code } }] };
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}
