import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { readBody } from '../../gateway/http/readBody.js';
import { mayPublish, type Principal, type RegistryTokens } from '../auth/RegistryTokens.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import type { VersionDetail, VersionEntry, WriteAnswer } from '../RegistryApi.js';
import type { RegistryMetrics } from '../metrics/RegistryMetrics.js';
import {
  nothingPublished,
  versionNotFound,
  type SchemaRegistry,
  type WriteResult,
} from '../SchemaRegistry.js';
import { summaryOf, type RegistryStore, type VersionSummary } from '../store/RegistryStore.js';
import {
  readCheckBody,
  readOperationsBody,
  readPublishBody,
  readRollbackBody,
  readVersionNumber,
  subgraphName,
} from './requestBodies.js';
import { notModified, sendError, sendJson } from './respond.js';

/** The header naming the version a supergraph or operations answer belongs to. */
export const REGISTRY_VERSION_HEADER = 'x-registry-version';

export interface RegistryHandlerOptions {
  registry: SchemaRegistry;
  store: RegistryStore;
  tokens: RegistryTokens;
  metrics: RegistryMetrics;
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** What `/health/ready` reports: `up` answers 200, anything else 503. */
  ready(): Promise<'up' | 'down' | 'stopping'>;
}

/** Who may call a route: anyone (probes, metrics), any valid token, or the admin token. */
type Access = 'anyone' | 'token' | 'admin';
type Method = 'GET' | 'POST' | 'PUT';

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path's parameters, in order. */
  params: string[];
  /** The caller; null only on routes anyone may call. */
  principal: Principal | null;
  /** The request body parsed as JSON; `BAD_REQUEST`, `PAYLOAD_TOO_LARGE` or `UNSUPPORTED_MEDIA_TYPE` otherwise. */
  body(): Promise<unknown>;
}

interface Route {
  /** Its label on the request metrics. */
  name: string;
  path: RegExp;
  method: Method;
  access: Access;
  handle(context: RouteContext): Promise<void>;
}

/**
 * The registry's HTTP API on plain `node:http` (see registry/README.md for the table): a route table, bearer-token
 * access checked before any body is read, JSON errors with stable codes, and request metrics by route.
 */
export function createRegistryHandler(options: RegistryHandlerOptions) {
  const { registry, store, tokens, metrics, logger } = options;

  const routes: Route[] = [
    {
      name: 'supergraph',
      path: /^\/supergraph\.graphql$/,
      method: 'GET',
      access: 'token',
      async handle({ req, res }) {
        const head = await store.head();
        if (!head) throw nothingPublished();
        // Every replica's gauge follows the current version as gateways poll, whichever replica recorded it.
        metrics.version(head.version);
        const etag = `"${head.schemaVersion}"`;
        const headers = {
          etag,
          [REGISTRY_VERSION_HEADER]: String(head.version),
          'cache-control': 'no-cache',
        };
        if (notModified(req.headers['if-none-match'], etag)) return void res.writeHead(304, headers).end();
        const sdl = await store.supergraphSdl(head.version);
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(sdl);
      },
    },
    {
      name: 'operations',
      path: /^\/operations$/,
      method: 'GET',
      access: 'token',
      async handle({ req, res }) {
        const served = await registry.servedOperations();
        const body = JSON.stringify({ operations: served.operations });
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
        const headers = {
          etag,
          [REGISTRY_VERSION_HEADER]: String(served.version),
          'cache-control': 'no-cache',
        };
        if (notModified(req.headers['if-none-match'], etag)) return void res.writeHead(304, headers).end();
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body);
      },
    },
    {
      name: 'register_operations',
      path: /^\/operations$/,
      method: 'PUT',
      access: 'admin',
      async handle({ res, body }) {
        const { client, operations } = readOperationsBody(await body());
        sendJson(res, 200, await registry.replaceOperations(client, operations));
      },
    },
    {
      name: 'check',
      path: /^\/subgraphs\/([^/]+)\/check$/,
      method: 'POST',
      access: 'token',
      async handle({ res, params, principal, body }) {
        const name = subgraphName(decodeURIComponent(params[0]!), 'the subgraph in the path');
        if (!mayPublish(principal!, [name])) throw forbidden(`This token may not check ${name}`);
        sendJson(res, 200, await registry.check(name, readCheckBody(await body())));
      },
    },
    {
      name: 'publish',
      path: /^\/publish$/,
      method: 'POST',
      access: 'token',
      async handle({ res, principal, body }) {
        if (principal!.kind === 'read') throw forbidden('A read token may not publish');
        const request = readPublishBody(await body());
        const names = request.subgraphs.map((subgraph) => subgraph.name);
        if (!mayPublish(principal!, names)) throw forbidden(`This token may not publish ${names.join(', ')}`);
        sendWrite(res, await registry.publish(request));
      },
    },
    {
      name: 'rollback',
      path: /^\/rollback$/,
      method: 'POST',
      access: 'admin',
      async handle({ res, body }) {
        sendWrite(res, await registry.rollback(readRollbackBody(await body())));
      },
    },
    {
      name: 'versions',
      path: /^\/versions$/,
      method: 'GET',
      access: 'token',
      async handle({ req, res }) {
        const query = new URL(req.url ?? '/', 'http://registry').searchParams;
        const limit = query.has('limit') ? boundedInteger(query.get('limit')!, 'limit', 1, 500) : 50;
        const before = query.has('before') ? readVersionNumber(query.get('before')!) : undefined;
        sendJson(res, 200, { versions: (await store.history(limit, before)).map(entryOf) });
      },
    },
    {
      name: 'version',
      path: /^\/versions\/([^/]+)$/,
      method: 'GET',
      access: 'token',
      async handle({ res, params }) {
        const number = readVersionNumber(params[0]!);
        const record = await store.version(number);
        if (!record) throw versionNotFound(number);
        const detail: VersionDetail = {
          ...entryOf(summaryOf(record)),
          snapshot: record.subgraphs,
          report: record.report,
        };
        sendJson(res, 200, detail);
      },
    },
    {
      name: 'live',
      path: /^\/health\/live$/,
      method: 'GET',
      access: 'anyone',
      async handle({ res }) {
        sendJson(res, 200, { status: 'ok' });
      },
    },
    {
      name: 'ready',
      path: /^\/health\/ready$/,
      method: 'GET',
      access: 'anyone',
      async handle({ res }) {
        const state = await options.ready();
        if (state === 'up') return sendJson(res, 200, { status: 'ready', database: 'up' });
        sendJson(res, 503, {
          status: 'unavailable',
          ...(state === 'down' ? { database: 'down' } : { stopping: true }),
        });
      },
    },
    {
      name: 'metrics',
      path: /^\/metrics$/,
      method: 'GET',
      access: 'anyone',
      async handle({ res }) {
        const { contentType, body } = await metrics.render();
        res.writeHead(200, { 'content-type': contentType }).end(body);
      },
    },
  ];

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
      if (route.access === 'admin' && principal.kind !== 'admin')
        throw forbidden('This needs the admin token');
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

/** Answers a publish or rollback: 201 with the new version, or 200 when the supergraph is unchanged. */
function sendWrite(res: ServerResponse, result: WriteResult): void {
  if (result.unchanged) return sendJson(res, 200, result satisfies WriteAnswer);
  sendJson(res, 201, {
    version: result.version,
    schemaVersion: result.schemaVersion,
    approved: result.approved,
    excludedOperations: result.excludedOperations,
    report: result.report,
  } satisfies WriteAnswer);
}

/** A history entry as the API answers it. */
function entryOf(summary: VersionSummary): VersionEntry {
  return {
    version: summary.version,
    createdAt: summary.createdAt.toISOString(),
    author: summary.author,
    commit: summary.commit,
    action: summary.action,
    subgraphs: summary.changedSubgraphs,
    approval: summary.approvalReason === null ? null : { reason: summary.approvalReason },
    schemaVersion: summary.schemaVersion,
    rolledBackTo: summary.rolledBackTo,
    changes: summary.changes,
    excludedOperations: summary.excludedOperations,
  };
}

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

function boundedInteger(raw: string, name: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RegistryError(
      RegistryErrorCode.BadRequest,
      `${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

function forbidden(message: string): RegistryError {
  return new RegistryError(RegistryErrorCode.Forbidden, message);
}
