import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../contracts/errors.js';
import type { CacheMetrics } from '../cache/CacheMetrics.js';
import type { Purge } from '../cache/createPurger.js';
import { parsePurgeRequest } from '../cache/purgeRequest.js';
import type { TokenVerifier } from '../identity.js';
import { readBody } from './readBody.js';
import { sendError, sendJson } from './respond.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AdminRoutesOptions {
  verify: TokenVerifier;
  purge: Purge;
  metrics: CacheMetrics;
}

/**
 * Operator endpoints, for a bearer token with the `admin` role only:
 * - `POST /admin/cache/purge` with `{"tags": ["Product:42"]}`, `{"types": ["Product"]}` or `{"all": true}`;
 * - `GET /admin/cache/stats`: hits, misses, stale answers, stores, errors and invalidations per cache layer, and failed store calls.
 */
export function adminRoutes(options: AdminRoutesOptions): Record<string, RouteHandler> {
  return {
    '/admin/cache/purge': async (req, res) => {
      if (req.method !== 'POST') return sendError(res, 405, ErrorCode.BadRequest, 'Use POST.');
      if (!(await authorize(req, res, options.verify))) return;
      const body = await readBody(req, 65_536);
      if (!body.ok) return sendError(res, body.status, ErrorCode.BadRequest, body.message);
      const { types, ...rest } = (body.value ?? {}) as { types?: unknown };
      const request = parsePurgeRequest(JSON.stringify(Array.isArray(types) ? { tags: types } : rest));
      if (!request) {
        return sendError(
          res,
          400,
          ErrorCode.BadUserInput,
          'Send {"tags": [...]}, {"types": [...]} or {"all": true}.',
        );
      }
      sendJson(res, 200, { purged: await options.purge(request) });
    },
    '/admin/cache/stats': async (req, res) => {
      if (req.method !== 'GET') return sendError(res, 405, ErrorCode.BadRequest, 'Use GET.');
      if (!(await authorize(req, res, options.verify))) return;
      sendJson(res, 200, options.metrics.snapshot());
    },
  };
}

/** `route` for a bearer token with the `admin` role only: 401 without a valid token, 403 without the role. */
export function adminOnly(verify: TokenVerifier, route: RouteHandler): RouteHandler {
  return async (req, res) => {
    if (await authorize(req, res, verify)) await route(req, res);
  };
}

/** Whether `req` carries a valid bearer token with the `admin` role; answers nothing either way. */
export async function isAdmin(req: IncomingMessage, verify: TokenVerifier): Promise<boolean> {
  try {
    return (await verify(req.headers.authorization))?.roles.includes('admin') ?? false;
  } catch {
    return false;
  }
}

async function authorize(req: IncomingMessage, res: ServerResponse, verify: TokenVerifier): Promise<boolean> {
  try {
    const viewer = await verify(req.headers.authorization);
    if (!viewer) sendError(res, 401, ErrorCode.Unauthenticated, 'Send an admin bearer token.');
    else if (!viewer.roles.includes('admin')) sendError(res, 403, ErrorCode.Forbidden, 'Not allowed.');
    return viewer?.roles.includes('admin') ?? false;
  } catch {
    sendError(res, 401, ErrorCode.Unauthenticated, 'The access token is invalid or expired.');
    return false;
  }
}
