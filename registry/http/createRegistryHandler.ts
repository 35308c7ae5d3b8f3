import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { readBody } from '../../gateway/http/readBody.js';
import type { Principal, RegistryTokens } from '../auth/RegistryTokens.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import type { RegistryMetrics } from '../metrics/RegistryMetrics.js';
import type { Route } from './registryRoutes.js';
import { sendError } from './respond.js';

export interface RegistryHandlerOptions {
  routes: readonly Route[];
  tokens: RegistryTokens;
  metrics: RegistryMetrics;
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
}

/**
 * The registry's HTTP API on plain `node:http`: finds the route (404, or 405 with `Allow`), checks the bearer token
 * before any body is read (401, or 403 when a route needs the admin token), answers errors as JSON with their
 * stable codes (unexpected ones masked and logged), and counts every request by route and status.
 */
export function createRegistryHandler(options: RegistryHandlerOptions) {
  const { routes, tokens, metrics, logger } = options;

  async function answer(req: IncomingMessage, res: ServerResponse, label: (name: string) => void) {
    const { pathname } = new URL(req.url ?? '/', 'http://registry');
    const matching = routes
      .map((route) => ({ route, params: route.path.exec(pathname)?.slice(1) }))
      .filter((match): match is { route: Route; params: string[] } => match.params !== undefined);
    if (matching.length === 0) throw new RegistryError(RegistryErrorCode.NotFound, `No route ${pathname}`);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const match = matching.find(({ route }) => route.method === method);
    if (!match) {
      const allow = matching.map(({ route }) => route.method).join(', ');
      res.setHeader('allow', allow);
      throw new RegistryError(
        RegistryErrorCode.MethodNotAllowed,
        `${pathname} answers ${allow}, not ${req.method}`,
      );
    }
    const { route, params } = match;
    label(route.name);
    let principal: Principal | null = null;
    if (route.access !== 'anyone') {
      principal = tokens.identify(req.headers.authorization);
      if (!principal) {
        res.setHeader('www-authenticate', 'Bearer realm="schema-registry"');
        throw new RegistryError(
          RegistryErrorCode.Unauthenticated,
          'Send a registry token: Authorization: Bearer <token>',
        );
      }
      if (route.access === 'admin' && principal.kind !== 'admin') {
        throw new RegistryError(RegistryErrorCode.Forbidden, 'This needs the admin token');
      }
    }
    await route.handle({ req, res, params, principal, body: () => jsonBody(req, options.maxBodyBytes) });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const startedAt = performance.now();
    let routeName = 'unmatched';
    res.once('finish', () =>
      metrics.request(routeName, res.statusCode, (performance.now() - startedAt) / 1000),
    );
    answer(req, res, (name) => (routeName = name)).catch((error: unknown) => {
      if (!(error instanceof RegistryError)) {
        logger.error({ err: error, method: req.method, route: routeName }, 'registry request failed');
      }
      const known =
        error instanceof RegistryError
          ? error
          : new RegistryError(
              RegistryErrorCode.InternalError,
              "Internal error; the registry's log has the details",
            );
      if (res.headersSent) return void res.end();
      sendError(res, known);
    });
  };
}

/** The body as JSON, or the error to answer: 415 for another content type, 413 over `maxBytes`, 400 not JSON. */
async function jsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new RegistryError(RegistryErrorCode.UnsupportedMediaType, 'Send the body as application/json');
  }
  const body = await readBody(req, maxBytes);
  if (!body.ok) {
    const code = body.status === 413 ? RegistryErrorCode.PayloadTooLarge : RegistryErrorCode.BadRequest;
    throw new RegistryError(code, body.message);
  }
  return body.value;
}
