import type { ApolloServer } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ErrorCode } from '../../contracts/errors.js';
import type { GatewayContext } from '../GatewayContext.js';
import {
  CACHE_STATUS_HEADER,
  type HttpAnswer,
  type Lookup,
  type ResponseCache,
} from '../cache/ResponseCache.js';
import { readRequestId, REQUEST_ID_HEADER } from '../limits/errorMasking.js';
import type { RateLimitDecision } from '../limits/rateLimiter.js';
import type { RouteHandler } from './adminRoutes.js';
import { readBody } from './readBody.js';
import { sendError, sendJson, sendTooManyRequests } from './respond.js';

export interface HttpHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Builds the per-request context from the request's headers; may throw a GraphQLError with an HTTP status. */
  context(request: IncomingMessage): Promise<GatewayContext>;
  /** Whether the gateway can serve now (schema loaded, not shutting down). */
  isReady(): boolean;
  /**
   * Decides whether a request may proceed (rate limiting), once the caller is known from the headers; `context` is
   * undefined when it could not be built (a bad token). Asked for every request but health checks. Default: always.
   */
  admit?: (request: IncomingMessage, context: GatewayContext | undefined) => Promise<RateLimitDecision>;
  /** Further routes by exact path (operator endpoints). Default none. */
  routes?: Record<string, RouteHandler>;
  /** The whole-response cache, consulted before Apollo Server runs. Default none. */
  responseCache?: ResponseCache;
}

/** Headers a GET must carry for Apollo Server's CSRF prevention to let it through (one is enough). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * The bytes that identify a request for the whole-response cache, or undefined for one that Apollo Server must
 * judge itself: a GET without a preflight header (CSRF prevention refuses it), a body that is not JSON.
 */
function requestBytes(req: IncomingMessage, url: URL, jsonBody: string | undefined): string | undefined {
  const accept = headerOf(req, 'accept') ?? '';
  if (req.method === 'GET') {
    return PREFLIGHT_HEADERS.some((name) => headerOf(req, name)) ? `GET ${url.search}\n${accept}` : undefined;
  }
  return req.method === 'POST' && jsonBody !== undefined ? `POST ${jsonBody}\n${accept}` : undefined;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  res.statusCode = answer.status;
  for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
  res.end(answer.body);
}

/**
 * The gateway's HTTP surface on plain `node:http`: `/graphql` (GET and POST) through Apollo Server, and
 * `/health/live` and `/health/ready` for orchestrators. Every request but a health check is counted against its
 * caller before anything else is done for it, so operator routes and bodies refused as malformed or too large are
 * rate-limited too. Malformed requests get a GraphQL-shaped error with a stable code; nothing here can take the
 * process down.
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  const { apollo, logger } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://gateway');
      if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/health/ready') {
        return options.isReady()
          ? sendJson(res, 200, { status: 'ready' })
          : sendJson(res, 503, { status: 'unavailable' });
      }

      // The caller is known from the headers alone, so limits count per API key or user, else per address. A
      // context that fails (bad token) is counted against the address, then its error is answered by Apollo.
      let context: GatewayContext | undefined;
      let contextError: unknown;
      try {
        context = await options.context(req);
      } catch (error) {
        contextError = error;
      }
      const decision = await options.admit?.(req, context);
      if (decision && !decision.allowed) return sendTooManyRequests(res, decision.retryAfterSeconds);

      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res);
      if (url.pathname !== '/graphql')
        return sendError(res, 404, ErrorCode.BadRequest, 'Not found; use /graphql.');
      const body = await readBody(req, options.maxBodyBytes);
      if (!body.ok) return sendError(res, body.status, ErrorCode.BadRequest, body.message);

      // A request answered before is answered again here, before Apollo Server parses or plans anything.
      const { responseCache } = options;
      const bytes = requestBytes(req, url, body.text);
      let lookup: Lookup | undefined;
      if (responseCache && context && bytes !== undefined)
        lookup = await responseCache.lookup(bytes, context);
      if (lookup?.status === 'HIT') {
        lookup.answer.headers[REQUEST_ID_HEADER] = readRequestId(headerOf(req, REQUEST_ID_HEADER));
        return send(res, lookup.answer);
      }

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: url.search,
          body: body.value,
        },
        context: async () => {
          if (contextError !== undefined || !context) throw contextError;
          return context;
        },
      });
      if (response.body.kind === 'complete') {
        const headers = Object.fromEntries(response.headers);
        const answer = { status: response.status ?? 200, headers, body: response.body.string };
        if (!responseCache) return send(res, answer);
        if (lookup?.status !== 'MISS' || !context) {
          return send(res, { ...answer, headers: { ...headers, [CACHE_STATUS_HEADER]: 'BYPASS' } });
        }
        const { status, replacement } = await responseCache.finish(lookup, context, answer);
        const sent = replacement
          ? {
              ...replacement,
              headers: { ...replacement.headers, [REQUEST_ID_HEADER]: headers[REQUEST_ID_HEADER] ?? '' },
            }
          : answer;
        return send(res, { ...sent, headers: { ...sent.headers, [CACHE_STATUS_HEADER]: status } });
      }
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
      else res.end();
    }
  };
}
