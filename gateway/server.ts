import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Agent } from 'undici';
import { ErrorCode } from '../contracts/errors.js';
import type { GatewayConfig } from './config.js';
import { createHttpHandler } from './http/createHttpHandler.js';
import { readRequestContext } from './requestContext.js';
import { SubgraphDataSource, type GatewayContext } from './SubgraphDataSource.js';

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the gateway: the static supergraph served by Apollo Gateway inside Apollo Server, behind the gateway's
 * own HTTP handler. Reads top to bottom as the request path: HTTP → context → Apollo Server → query plan →
 * SubgraphDataSource → subgraphs.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const supergraphSdl = await readFile(config.supergraphPath, 'utf8');
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: config.subgraphUrls[name] ?? url ?? '',
        agent,
        timeoutMs: config.subgraphTimeoutMs,
      }),
  });

  const httpServer = createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError(formatted, error) {
      if (formatted.extensions?.code !== ErrorCode.InternalServerError) return formatted;
      logger.error({ err: error, path: formatted.path }, 'operation failed');
      return { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } };
    },
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  let ready = true;
  httpServer.on(
    'request',
    createHttpHandler({
      apollo,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      isReady: () => ready,
      context: async (req: IncomingMessage) => ({
        request: await readRequestContext((name) => headerValue(req, name), config.auth),
      }),
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://${config.host}:${port}/graphql`,
    async stop() {
      ready = false;
      await apollo.stop();
      await agent.close();
    },
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
