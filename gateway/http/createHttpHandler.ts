import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ErrorCode } from '../../contracts/errors.js';
import type { FrontDoor } from '../frontDoor/createFrontDoor.js';
import type { Readiness } from '../health/readiness.js';
import type { GatewayContext } from '../GatewayContext.js';
import type { RateLimitDecision } from '../limits/rateLimiter.js';
import { readRequestId, REQUEST_ID_HEADER } from '../../contracts/requestId.js';
import { headerOf } from '../../contracts/headers.js';
import { SCHEMA_VERSION_HEADER, type SupergraphState } from '../schema/schemaVersion.js';
import type { RouteHandler } from './adminRoutes.js';
import { graphqlRoute, type GraphQLRouteOptions } from './graphqlRoute.js';
import { readBody } from './readBody.js';
import type { RequestEdge } from './RequestEdge.js';
import { sendError, sendJson, sendTooManyRequests } from './respond.js';

export interface HttpHandlerOptions extends GraphQLRouteOptions {
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /**
   * The client's address of a request: the socket peer, or who trusted proxies forwarded it for (see
   * `clientAddress.ts`). Default: the socket peer.
   */
  clientAddress?: (request: IncomingMessage) => string;
  /**
   * Builds the per-request context from the request's headers and what the edge learned of it; may throw a
   * GraphQLError with an HTTP status.
   */
  context(request: IncomingMessage, edge: RequestEdge): Promise<GatewayContext>;
  /**
   * What `/health/ready` answers (`health/readiness.ts`), with its detail or the status alone. A degraded gateway (a
   * subgraph or Redis down) still answers 200 with `status: degraded`: it serves partial data and caches less.
   */
  readiness(detail: boolean): Promise<Readiness>;
  /**
   * Whether this `/health/ready` request may see the detail (in production, an administrator's). Default: every
   * request does.
   */
  readinessDetail?: (request: IncomingMessage) => Promise<boolean>;
  /** The supergraph served: its version answers every `/graphql` request (`x-schema-version`). Default none. */
  supergraph?: SupergraphState;
  /**
   * Decides whether a request may proceed (rate limiting), once the caller is known from the headers; `context` is
   * undefined when it could not be built (a bad token). Asked for every request but health checks. Default: always.
   */
  admit?: (
    request: IncomingMessage,
    context: GatewayContext | undefined,
    edge: RequestEdge,
  ) => Promise<RateLimitDecision>;
  /** Further routes by exact path (operator endpoints), counted against their caller. Default none. */
  routes?: Record<string, RouteHandler>;
  /**
   * Routes by exact path answered like the health checks: before the caller is known, never counted against a rate
   * limit nor refused by one (a Prometheus scrape of `/metrics` on this port). Default none.
   */
  probes?: Record<string, RouteHandler>;
  /** The IDE at `/` and its assets (`frontDoor/createFrontDoor.ts`). Default none: `/` is not found. */
  frontDoor?: FrontDoor;
  /**
   * Called for each `/graphql` request once its body is read (its context undefined when it could not be built), to
   * measure and log it when its response is sent. Default none.
   */
  observe?: (
    req: IncomingMessage,
    res: ServerResponse,
    context: GatewayContext | undefined,
    body: unknown,
  ) => void;
}

/**
 * The gateway's HTTP surface on plain `node:http`: `/graphql` (GET and POST) through Apollo Server (`graphqlRoute`),
 * `/health/live` and `/health/ready` for orchestrators, `probes` (`/metrics`), and the IDE at `/` when it is enabled.
 * Every request but a health check or a probe is counted against its caller before anything else is done for it,
 * so operator routes, the IDE and bodies refused as malformed or too large are rate-limited too. Malformed requests get a GraphQL-shaped error with a stable code; nothing here can take the
 * process down. Every answer carries the request's id (`x-request-id`), assigned before anything else is done.
 */
export function createHttpHandler(options: HttpHandlerOptions) {
  const { logger } = options;
  const answerGraphQL = graphqlRoute(options);
  const clientAddress = options.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? '');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // First, so that every answer and every log line about it, refusals included, carries it.
    const requestId = readRequestId(headerOf(req, REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      const url = new URL(req.url ?? '/', 'http://gateway');
      if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/health/ready') {
        const detail = (await options.readinessDetail?.(req)) ?? true;
        const { status, body } = await options.readiness(detail);
        return sendJson(res, status, body);
      }
      const probe = options.probes?.[url.pathname];
      if (probe) return await probe(req, res);

      // The caller is known from the headers alone, so limits count per API key or user, else per address. A
      // context that fails (bad token) is counted against the address, then its error is answered by Apollo.
      const edge: RequestEdge = { requestId, clientAddress: clientAddress(req) };
      let context: GatewayContext | undefined;
      let contextError: unknown;
      try {
        context = await options.context(req, edge);
      } catch (error) {
        contextError = error;
      }
      const decision = await options.admit?.(req, context, edge);
      if (decision && !decision.allowed) return sendTooManyRequests(res, decision.retryAfterSeconds);

      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res);
      if (options.frontDoor?.(req, res, url)) return;
      if (url.pathname !== '/graphql')
        return sendError(res, 404, ErrorCode.BadRequest, 'Not found; use /graphql.');
      const body = await readBody(req, options.maxBodyBytes);
      // Before a malformed body is refused, so that its answer is measured and logged like any other.
      options.observe?.(req, res, context, body.ok ? body.value : undefined);
      if (!body.ok) return sendError(res, body.status, ErrorCode.BadRequest, body.message);

      if (options.supergraph) res.setHeader(SCHEMA_VERSION_HEADER, options.supergraph.version);
      await answerGraphQL(req, res, { url, body, context, contextError, requestId });
    } catch (error) {
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendError(res, 500, ErrorCode.InternalServerError, 'Internal server error');
      else res.end();
    }
  };
}
