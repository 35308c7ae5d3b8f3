import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { ErrorCode } from '../../contracts/errors.js';
import { IDENTITY_HEADER } from '../../contracts/internalIdentity.js';
import { fromContextHeaders, type RequestContext, type Viewer } from '../../contracts/requestContext.js';
import { createIdentityReader } from './readIdentity.js';
import { cacheReporter } from './cacheReporter.js';
import { createCacheReport, type CacheReport } from './CacheReport.js';
import { createSubgraphSchema } from './createSubgraphSchema.js';
import { observeStatements, type Database } from './database/Database.js';
import type { Subgraph, SubgraphContext } from './Subgraph.js';

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
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

interface Context extends SubgraphContext<unknown> {
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
  const server = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError(formatted, error) {
      if (formatted.extensions?.code !== ErrorCode.InternalServerError) return formatted;
      // Unexpected failures are logged whole here and reach the caller without internals.
      logger.error({ err: error, path: formatted.path }, 'resolver failed');
      return { ...formatted, message: 'Internal server error' };
    },
    logger,
    plugins: [
      // Inline traces feed Apollo Studio, which this deployment does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // Cache-Control comes from the built-in cache control plugin and the schema's @cacheControl hints.
      cacheReporter(schema),
      ...(onStatements ? [statementReporter(subgraph.name, onStatements)] : []),
    ],
  });

  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    async context({ req }) {
      const viewer = await readIdentity(headerOf(req, IDENTITY_HEADER));
      const cacheReport = createCacheReport(readRequestContext(req, viewer));
      // Resolvers and loaders see the tracked context, so the answer's vary header names what they read.
      const request = cacheReport.trackedRequest;
      const statements: string[] = [];
      const requestDb = observeStatements(db, (sql) => statements.push(sql));
      return {
        request,
        db: requestDb,
        loaders: subgraph.createLoaders(requestDb, request),
        invalidate: cacheReport.invalidate,
        statements,
        cacheReport,
      };
    },
  });
  return { name: subgraph.name, url, stop: () => server.stop() };
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

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
