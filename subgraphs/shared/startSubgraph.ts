import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { connectionDrain } from '../../contracts/connectionDrain.js';
import { ErrorCode } from '../../contracts/errors.js';
import { metricsRoute } from '../../contracts/metricsServer.js';
import { IDENTITY_HEADER } from '../../contracts/internalIdentity.js';
import { fromContextHeaders, type RequestContext, type Viewer } from '../../contracts/requestContext.js';
import { createIdentityReader } from './readIdentity.js';
import { cacheReporter } from './cacheReporter.js';
import { createCacheReport, type CacheReport } from './CacheReport.js';
import { createSubgraphHttpServer, type SubgraphRoute } from './createSubgraphHttpServer.js';
import { createSubgraphSchema } from './createSubgraphSchema.js';
import { logUnexpectedErrors, type IdentifiedContext } from './logUnexpectedErrors.js';
import { observeStatements, type Database } from './database/Database.js';
import { traceStatements } from './database/traceStatements.js';
import type { Subgraph, SubgraphContext } from './Subgraph.js';
import { SubgraphMetrics } from './SubgraphMetrics.js';
import { requestSpanPlugin, startRequestSpan, type TracedContext } from './requestSpan.js';
import { headerOf } from '../../contracts/headers.js';

/** What one subgraph request ran against the database; for tests and metrics. */
export interface StatementReport {
  subgraph: string;
  operationName: string | null;
  statements: readonly string[];
}

export interface StartSubgraphOptions {
  db: Database;
  /** Secret the gateway signs the caller's identity with (INTERNAL_AUTH_SECRET). */
  identitySecret: string;
  logger: Logger;
  /** TCP port. Default: 0, any free port. */
  port?: number;
  /** Interface to bind. Default: `127.0.0.1`. */
  host?: string;
  /** Called after each request with the statements it ran. Default: none. */
  onStatements?: (report: StatementReport) => void;
  /**
   * Longest wait for in-flight requests when stopping, in ms; then their connections are closed. Default 10,000.
   */
  shutdownTimeoutMs?: number;
  /** Further HTTP routes by exact path (operator endpoints). Default none. */
  routes?: Record<string, SubgraphRoute>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  /** Prometheus metrics: requests, errors, SQL statements and their latency, process metrics. */
  metricsUrl: string;
  stop(): Promise<void>;
}

interface Context extends SubgraphContext<unknown>, TracedContext, IdentifiedContext {
  statements: string[];
  cacheReport: CacheReport;
}

/**
 * Serves `subgraph` over HTTP with its own Apollo Server, its permissions applied; the URL is the GraphQL endpoint.
 */
export async function startSubgraph(
  subgraph: Subgraph,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { db, logger, onStatements } = options;
  const readIdentity = createIdentityReader(options.identitySecret);
  const schema = createSubgraphSchema(subgraph);
  const metrics = new SubgraphMetrics(subgraph.name);
  const measuredDb = metrics.measure(db);
  const server = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // Unexpected failures reach the caller without internals; logUnexpectedErrors has logged them whole.
    formatError(formatted) {
      if (formatted.extensions?.code !== ErrorCode.InternalServerError) return formatted;
      return { ...formatted, message: 'Internal server error' };
    },
    logger,
    plugins: [
      // Inline traces feed Apollo Studio, which this deployment does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // Cache-Control comes from the built-in cache control plugin and the schema's @cacheControl hints.
      cacheReporter(schema),
      logUnexpectedErrors(logger),
      requestSpanPlugin(),
      metrics.plugin(),
      ...(onStatements ? [statementReporter(subgraph.name, onStatements)] : []),
    ],
  });

  let stopping = false;
  const httpServer = createSubgraphHttpServer({
    apollo: server,
    logger,
    readiness: async () => {
      if (stopping) return { ready: false, database: 'stopping' };
      const database = await probeDatabase(db, READINESS_TIMEOUT_MS);
      return { ready: database === 'up', database };
    },
    routes: { ...options.routes, '/metrics': metricsRoute(metrics) },
    async context(req, requestId) {
      const viewer = await readIdentity(headerOf(req, IDENTITY_HEADER));
      const cacheReport = createCacheReport(readRequestContext(req, viewer));
      // Resolvers and loaders see the tracked context, so the answer's vary header names what they read.
      const request = cacheReport.trackedRequest;
      const statements: string[] = [];
      // Started last, once nothing can refuse the request: requestSpanPlugin ends it with the response.
      const span = startRequestSpan(subgraph.name, req.headers);
      const requestDb = traceStatements(
        observeStatements(measuredDb, (sql) => statements.push(sql)),
        span,
      );
      return {
        request,
        db: requestDb,
        loaders: subgraph.createLoaders(requestDb, request),
        invalidate: cacheReport.invalidate,
        statements,
        cacheReport,
        span,
        requestId,
      };
    },
  });
  const connections = connectionDrain(httpServer);
  // Stopping closes the listener, lets requests in flight finish (up to the bound), then ends their connections.
  server.addPlugin(
    ApolloServerPluginDrainHttpServer({
      httpServer,
      stopGracePeriodMillis: options.shutdownTimeoutMs ?? 10_000,
    }),
  );
  await server.start();
  await new Promise<void>((resolve) =>
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  return {
    name: subgraph.name,
    url: urlOf(httpServer.address() as AddressInfo),
    metricsUrl: new URL('/metrics', urlOf(httpServer.address() as AddressInfo)).toString(),
    async stop() {
      stopping = true;
      connections.drain();
      await server.stop();
    },
  };
}

/** Longest wait for the database to answer a readiness check. */
const READINESS_TIMEOUT_MS = 1_000;

/** Whether `db` answers `SELECT 1` within `timeoutMs`. */
async function probeDatabase(db: Database, timeoutMs: number): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'down')));
  try {
    return await Promise.race([db.query('SELECT 1').then(() => 'up' as const), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** The server's URL as clients reach it: a wildcard address is reached as localhost. */
function urlOf({ address, family, port }: AddressInfo): string {
  const host = address === '' || address === '::' || address === '0.0.0.0' ? 'localhost' : address;
  return `http://${family === 'IPv6' && host !== 'localhost' ? `[${host}]` : host}:${port}/`;
}

/** Reports, after each request, the SQL statements that request ran. */
function statementReporter(
  subgraph: string,
  onStatements: (report: StatementReport) => void,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          onStatements({
            subgraph,
            operationName: operationName ?? null,
            statements: contextValue.statements,
          });
        },
      };
    },
  };
}

function readRequestContext(req: IncomingMessage, viewer: Viewer | null): RequestContext {
  try {
    return fromContextHeaders((name) => headerOf(req, name), viewer);
  } catch (error) {
    throw new GraphQLError(error instanceof Error ? error.message : String(error), {
      extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
    });
  }
}
