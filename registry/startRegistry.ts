import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { connectionDrain } from '../contracts/connectionDrain.js';
import { openDatabase } from '../subgraphs/shared/database/openDatabase.js';
import { RegistryTokens } from './auth/RegistryTokens.js';
import { readPolicyConfig } from './check/policy/readPolicyConfig.js';
import { runSchemaCheck } from './check/runSchemaCheck.js';
import type { RegistryConfig } from './config.js';
import { createRegistryHandler } from './http/createRegistryHandler.js';
import { clientRoutes } from './http/clientRoutes.js';
import { registryRoutes } from './http/registryRoutes.js';
import { RegistryMetrics } from './metrics/RegistryMetrics.js';
import { SchemaRegistry, type SchemaCheck } from './SchemaRegistry.js';
import { ClientStore } from './store/ClientStore.js';
import { RegistryStore } from './store/RegistryStore.js';

/** A registry listening for requests. */
export interface RunningRegistry {
  /** Its origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops accepting, lets requests in flight finish (up to `shutdownTimeoutMs`), then closes the database. */
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  /** The schema check. Default `runSchemaCheck` (registry/check/runSchemaCheck.ts). */
  check?: SchemaCheck;
}

/** Longest wait for the database to answer a readiness check. */
const READINESS_TIMEOUT_MS = 1_000;

/**
 * Starts the schema registry: reads the policy file, opens and migrates its database, and serves the HTTP API on
 * `config.host:config.port`. `npm run start:registry` runs it alone; `npm start` and tests run it in their process.
 */
export async function startRegistry(
  config: RegistryConfig,
  logger: Logger,
  options: StartRegistryOptions = {},
): Promise<RunningRegistry> {
  const check = options.check ?? runSchemaCheck;
  const policy = await readPolicyConfig(config.policyPath);
  const db = await openDatabase(config.database);
  let stopping = false;
  try {
    const store = await RegistryStore.open(db);
    const metrics = new RegistryMetrics();
    metrics.version((await store.head())?.version ?? 0);
    const registry = new SchemaRegistry({
      store,
      check,
      limits: config.limits,
      policy,
      deployment: { internalAuthSecret: config.internalAuthSecret, timeoutMs: config.subgraphTimeoutMs },
      metrics,
      logger,
    });
    const server = createServer(
      createRegistryHandler({
        routes: [
          ...registryRoutes({
            registry,
            store,
            metrics,
            ready: async () => (stopping ? 'stopping' : await probe(store)),
          }),
          ...clientRoutes(new ClientStore(db), logger),
        ],
        tokens: new RegistryTokens(config.tokens),
        metrics,
        logger,
        maxBodyBytes: config.maxBodyBytes,
      }),
    );
    const connections = connectionDrain(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const url = urlOf(server.address() as AddressInfo);
    return {
      url,
      async stop() {
        stopping = true;
        connections.drain();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>(
          (resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs)),
        );
        await Promise.race([closed, deadline]);
        clearTimeout(timer);
        server.closeAllConnections();
        await closed;
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Whether the database answers within `READINESS_TIMEOUT_MS`. */
async function probe(store: RegistryStore): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>(
    (resolve) => (timer = setTimeout(resolve, READINESS_TIMEOUT_MS, 'down')),
  );
  try {
    return await Promise.race([store.ping().then(() => 'up' as const), timeout]);
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** The server's URL as clients reach it: a wildcard address is reached as localhost. */
function urlOf({ address, family, port }: AddressInfo): string {
  const host =
    address === '' || address === '::' || address === '0.0.0.0'
      ? 'localhost'
      : family === 'IPv6'
        ? `[${address}]`
        : address;
  return `http://${host}:${port}`;
}
