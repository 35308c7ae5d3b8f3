import path from 'node:path';
import {
  LOG_LEVELS,
  checkDatabaseUrl,
  readChoice,
  readInteger,
  readInternalAuthSecret,
  type LogLevel,
} from '../contracts/env.js';
import { readTracingConfig, type TracingConfig } from '../contracts/tracing.js';
import type { DatabaseOptions } from './shared/database/openDatabase.js';
import { DEFAULT_SEED_PLAN, type SeedPlan } from './shared/seedPlan.js';

/** Everything the subgraph processes read from their environment, parsed and checked once at start-up. */
export interface SubgraphsConfig {
  /**
   * Where each subgraph's data lives. `DATABASE_URL` (a real PostgreSQL server) or, per subgraph,
   * `<NAME>_DATABASE_URL`; otherwise one embedded database in `DATA_DIR` (default `.data/pglite`). On a server,
   * each subgraph process opens at most `DATABASE_POOL_SIZE` connections (1 to 1,000, default 10: replicas ×
   * subgraphs × this must fit the server's `max_connections`), and sends named prepared statements unless
   * `DATABASE_PREPARED_STATEMENTS=false` (default `true`; `false` behind a transaction pooler that does not keep
   * protocol-level prepared statements).
   */
  databases: Record<string, DatabaseOptions>;
  /** Seed size (`SEED_PRODUCTS`, default 10,000; `SEED_CUSTOMERS`, default 1,000). Used on an empty database only. */
  seedPlan: SeedPlan;
  /** Interface the subgraphs bind (`SUBGRAPH_HOST`). Default `127.0.0.1`: only the gateway should reach them. */
  host: string;
  /**
   * Port of each subgraph (`<NAME>_PORT`, e.g. `PRICING_PORT`; 0 picks a free one). Default: `SUBGRAPH_BASE_PORT`
   * (default 4001) plus the subgraph's place in supergraph order, so catalog 4001 … content 4005, the supergraph's
   * routing URLs; all 0 when `SUBGRAPH_BASE_PORT` is 0.
   */
  ports: Record<string, number>;
  /** pino level (`LOG_LEVEL`). Default `info`. */
  logLevel: LogLevel;
  /**
   * Secret the gateway signs callers' identities with (`INTERNAL_AUTH_SECRET`, at least 32 characters). Default: a
   * development secret, refused when `NODE_ENV=production`.
   */
  internalAuthSecret: string;
  /**
   * Longest wait for requests in flight after SIGTERM or SIGINT, in ms (`SHUTDOWN_TIMEOUT_MS`, 0 to 600,000); then
   * their connections are closed and the databases too. Default 10,000.
   */
  shutdownTimeoutMs: number;
  /**
   * Where spans go over OTLP/HTTP (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT`, and
   * `OTEL_SERVICE_NAME`, default `subgraphs`, or the subgraph's name when it runs alone). Default none: no tracing.
   */
  tracing?: TracingConfig;
}

/** Reads the subgraphs' configuration from `env`; throws an error naming the variable for any bad value. */
export function loadSubgraphsConfig(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
  root = process.cwd(),
): SubgraphsConfig {
  const dataDir = path.resolve(root, env['DATA_DIR'] ?? '.data/pglite');
  const basePort = readInteger(env, 'SUBGRAPH_BASE_PORT', 4001, 0, 65530);
  const poolSize = readInteger(env, 'DATABASE_POOL_SIZE', 10, 1, 1_000);
  const preparedStatements =
    readChoice(env, 'DATABASE_PREPARED_STATEMENTS', ['true', 'false'], 'true') === 'true';
  const databases: Record<string, DatabaseOptions> = {};
  const ports: Record<string, number> = {};
  for (const [index, name] of names.entries()) {
    const defaultPort = basePort === 0 ? 0 : basePort + index;
    ports[name] = readInteger(env, `${name.toUpperCase()}_PORT`, defaultPort, 0, 65535);
    const variable = `${name.toUpperCase()}_DATABASE_URL`;
    const url = env[variable] || env['DATABASE_URL'];
    databases[name] = url
      ? {
          url: checkDatabaseUrl(env[variable] ? variable : 'DATABASE_URL', url),
          poolSize,
          preparedStatements,
        }
      : { dataDir };
  }
  const tracing = readTracingConfig(env, 'subgraphs');
  return {
    databases,
    seedPlan: {
      products: readInteger(env, 'SEED_PRODUCTS', DEFAULT_SEED_PLAN.products, 100, 1_000_000),
      customers: readInteger(env, 'SEED_CUSTOMERS', DEFAULT_SEED_PLAN.customers, 10, 1_000_000),
    },
    host: env['SUBGRAPH_HOST'] ?? '127.0.0.1',
    ports,
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    internalAuthSecret: readInternalAuthSecret(env),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    ...(tracing ? { tracing } : {}),
  };
}

/**
 * The configuration of one subgraph run alone (`npm run start:subgraph -- <name>`): `loadSubgraphsConfig`'s for
 * that subgraph, except that its embedded database defaults to a folder of its own, `.data/pglite-<name>`, because an
 * embedded database serves one process at a time and this one may run beside `npm start` or the other subgraphs.
 * Throws, listing the valid names, when `name` is not one of `names`.
 */
export function loadSubgraphConfig(
  env: NodeJS.ProcessEnv,
  name: string,
  names: readonly string[],
  root = process.cwd(),
): SubgraphsConfig {
  checkSubgraphName(name, names);
  const config = loadSubgraphsConfig(env, names, root);
  const database = config.databases[name]!;
  const dataDir = path.resolve(root, env['DATA_DIR'] ?? `.data/pglite-${name}`);
  const tracing = readTracingConfig(env, name);
  return {
    ...config,
    ...(tracing ? { tracing } : {}),
    databases: { [name]: database.url ? database : { dataDir } },
    ports: { [name]: config.ports[name]! },
  };
}

/** Throws, listing the valid names, when `name` is not one of `names`. */
export function checkSubgraphName(name: string, names: readonly string[]): void {
  if (!names.includes(name))
    throw new Error(`There is no subgraph "${name}"; use one of ${names.join(', ')}`);
}
