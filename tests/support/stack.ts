import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { DEVELOPMENT_INTERNAL_SECRET } from '../../contracts/internalIdentity.js';
import { loadConfig, type GatewayConfig } from '../../gateway/config.js';
import { signIdentityToken, type IdentityClaims } from '../../gateway/identity.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/server.js';
import { subgraphs } from '../../subgraphs/index.js';
import type { Database } from '../../subgraphs/shared/database/Database.js';
import type { StatementReport } from '../../subgraphs/shared/startSubgraph.js';
import { TEST_SEED_PLAN, type GraphQLResponse } from '../../subgraphs/shared/testing/subgraphHarness.js';
import { testDatabaseTargets, type TestDatabase } from '../../subgraphs/shared/testing/testDatabases.js';
import { startSubgraphs } from '../../subgraphs/startSubgraphs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CallOptions {
  token?: string;
  market?: string;
  acceptLanguage?: string;
  headers?: Record<string, string>;
}

export interface PostResult<D> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<D>;
}

/** A gateway started for a test, with a client for it. */
export interface TestGateway {
  url: string;
  config: GatewayConfig;
  metrics: RunningGateway['metrics'];
  /** The gateway's Prometheus endpoint. */
  metricsUrl: string;
  /** Each subgraph's circuit breaker state. */
  breakers: RunningGateway['breakers'];
  /**
   * Posts an operation, its text or a typed document (`schema/__generated__/operations.ts`, which types the
   * variables and the answer); returns the HTTP status, headers and parsed body.
   */
  post<D = Record<string, unknown>, V extends Record<string, unknown> = Record<string, unknown>>(
    query: string | DocumentTypeDecoration<D, V>,
    variables?: V,
    options?: CallOptions,
  ): Promise<PostResult<D>>;
  stop(): Promise<void>;
}

export interface Stack extends TestGateway {
  gatewayUrl: string;
  /** Where the subgraphs keep their data; tests read it to know what the right answer is. */
  db: Database;
  /** One report per subgraph HTTP request, in arrival order. */
  reports: StatementReport[];
  /** Each subgraph's own endpoint, for tests that go around the gateway. */
  subgraphUrls: Record<string, string>;
  /** Starts another gateway in front of the same subgraphs (`env` adds to the test defaults). */
  startGateway(env?: NodeJS.ProcessEnv, options?: GatewayOptions): Promise<TestGateway>;
  /** Signs a token the gateways accept. */
  token(customerId: string, claims?: IdentityClaims): Promise<string>;
  /** Stops one subgraph, as if its service went down. */
  stopSubgraph(name: string): Promise<void>;
}

/**
 * Starts the five subgraphs and a gateway on free ports over real HTTP, on a fresh database: the PostgreSQL server
 * at DATABASE_URL when set (a database of its own), else embedded PostgreSQL in memory. The gateway caches in
 * memory unless `env` says otherwise. Subgraphs and gateways log to `logger` (default: silent unless
 * `TEST_LOG_LEVEL` says otherwise).
 */
export async function startStack(
  env: NodeJS.ProcessEnv = {},
  options: GatewayOptions = {},
  logger: Logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
): Promise<Stack> {
  const target = testDatabaseTargets().at(-1)!;
  const database: TestDatabase = await target.open();
  const reports: StatementReport[] = [];
  const running = await startSubgraphs({
    subgraphs,
    databaseFor: () => database.db,
    seedPlan: TEST_SEED_PLAN,
    logger,
    portFor: () => 0,
    onStatements: (report) => reports.push(report),
    identitySecret: DEVELOPMENT_INTERNAL_SECRET,
  });
  const baseEnv: NodeJS.ProcessEnv = { GATEWAY_PORT: '0', LOG_LEVEL: 'silent', SUBGRAPH_TIMEOUT_MS: '5000' };
  for (const [name, url] of Object.entries(running.urls)) baseEnv[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
  const gateways: TestGateway[] = [];
  const launch = async (extra: NodeJS.ProcessEnv, gatewayOptions: GatewayOptions) => {
    const config = loadConfig({ ...baseEnv, ...extra }, root);
    const gateway = testGateway(config, await startGateway(config, logger, gatewayOptions));
    gateways.push(gateway);
    return gateway;
  };
  const main = await launch(env, options);
  const stopped = new Set<string>();

  return {
    ...main,
    gatewayUrl: main.url,
    db: database.db,
    reports,
    subgraphUrls: running.urls,
    startGateway: (extra = {}, gatewayOptions = {}) => launch({ ...env, ...extra }, gatewayOptions),
    token: (customerId, claims = {}) => signIdentityToken(customerId, claims, main.config.auth),
    async stopSubgraph(name) {
      const subgraph = running.running.find((candidate) => candidate.name === name);
      if (!subgraph) throw new Error(`no subgraph ${name}`);
      stopped.add(name);
      await subgraph.stop();
    },
    async stop() {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await Promise.all(running.running.filter((s) => !stopped.has(s.name)).map((s) => s.stop()));
      await database.dispose();
    },
  };
}

function testGateway(config: GatewayConfig, running: RunningGateway): TestGateway {
  let stopped = false;
  return {
    url: running.url,
    config,
    metrics: running.metrics,
    metricsUrl: running.metricsUrl,
    breakers: running.breakers,
    async post(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.market) headers['x-market'] = options.market;
      if (options.acceptLanguage) headers['accept-language'] = options.acceptLanguage;
      const response = await fetch(running.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: String(query), variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as never };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
    },
  };
}

/** The text of a page operation in schema/operations. */
export function operation(name: 'HomePage' | 'CategoryPage' | 'ProductPage'): Promise<string> {
  return readFile(path.join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
}

/**
 * Resolves once the clock has moved past the millisecond it was called in. A read that starts in the same
 * millisecond as a purge cannot be told to have started after it, so the cache stores nothing it read
 * (`storeUnlessPurged`); a test that purges and then expects its next answer to be stored waits for this first.
 */
export function afterThisMillisecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2));
}
