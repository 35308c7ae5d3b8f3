import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayPublish, type Principal } from '../auth/RegistryTokens.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import type { RegistryMetrics } from '../metrics/RegistryMetrics.js';
import type { VersionDetail, VersionEntry, WriteAnswer } from '../RegistryApi.js';
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
import { notModified, sendJson } from './respond.js';

/** The header naming the version a supergraph or operations answer belongs to. */
export const REGISTRY_VERSION_HEADER = 'x-registry-version';

/** Who may call a route: anyone (probes, metrics), any valid token, or the admin token. */
export type Access = 'anyone' | 'token' | 'admin';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path's parameters, in order. */
  params: string[];
  /** The caller; null only on routes anyone may call. */
  principal: Principal | null;
  /** The request body parsed as JSON; `BAD_REQUEST`, `PAYLOAD_TOO_LARGE` or `UNSUPPORTED_MEDIA_TYPE` otherwise. */
  body(): Promise<unknown>;
}

/** One endpoint of the API. */
export interface Route {
  /** Its label on the request metrics. */
  name: string;
  path: RegExp;
  method: 'GET' | 'POST' | 'PUT';
  access: Access;
  handle(context: RouteContext): Promise<void>;
}

export interface RegistryRoutesOptions {
  registry: SchemaRegistry;
  store: RegistryStore;
  metrics: RegistryMetrics;
  /** What `/health/ready` reports: `up` answers 200, anything else 503. */
  ready(): Promise<'up' | 'down' | 'stopping'>;
}

/** The registry's endpoints (registry/README.md has the table); the token each needs beyond `access` is checked here. */
export function registryRoutes(options: RegistryRoutesOptions): Route[] {
  const { registry, store, metrics } = options;
  return [
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

/** A query parameter that must be a whole number from `min` to `max`; `BAD_REQUEST` naming it otherwise. */
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

/** A `FORBIDDEN` error: the token is valid, and does not allow this. */
function forbidden(message: string): RegistryError {
  return new RegistryError(RegistryErrorCode.Forbidden, message);
}
