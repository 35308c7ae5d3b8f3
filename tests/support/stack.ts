import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../gateway/config.js';
import { signIdentityToken, type IdentityClaims } from '../../gateway/identity.js';
import { startGateway } from '../../gateway/server.js';
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

export interface Stack {
  gatewayUrl: string;
  /** Where the subgraphs keep their data; tests read it to know what the right answer is. */
  db: Database;
  /** One report per subgraph HTTP request, in arrival order. */
  reports: StatementReport[];
  /** Posts an operation to the gateway; returns the HTTP status, headers and parsed body. */
  post<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<{ status: number; headers: Headers; body: GraphQLResponse<D> }>;
  /** Signs a token the gateway accepts. */
  token(customerId: string, claims?: IdentityClaims): Promise<string>;
  /** Stops one subgraph, as if its service went down. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the five subgraphs and the gateway on free ports over real HTTP, on a fresh database: the PostgreSQL
 * server at DATABASE_URL when set (a database of its own), else embedded PostgreSQL in memory.
 */
export async function startStack(): Promise<Stack> {
  const target = testDatabaseTargets().at(-1)!;
  const database: TestDatabase = await target.open();
  const logger = pino({ level: 'silent' });
  const reports: StatementReport[] = [];
  const running = await startSubgraphs({
    subgraphs,
    databaseFor: () => database.db,
    seedPlan: TEST_SEED_PLAN,
    logger,
    portFor: () => 0,
    onStatements: (report) => reports.push(report),
  });
  const env: NodeJS.ProcessEnv = { GATEWAY_PORT: '0', LOG_LEVEL: 'silent', SUBGRAPH_TIMEOUT_MS: '5000' };
  for (const [name, url] of Object.entries(running.urls)) env[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
  const config = loadConfig(env, root);
  const gateway = await startGateway(config, logger);
  const stopped = new Set<string>();

  return {
    gatewayUrl: gateway.url,
    db: database.db,
    reports,
    async post(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.market) headers['x-market'] = options.market;
      if (options.acceptLanguage) headers['accept-language'] = options.acceptLanguage;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as never };
    },
    token: (customerId, claims = {}) => signIdentityToken(customerId, claims, config.auth),
    async stopSubgraph(name) {
      const subgraph = running.running.find((candidate) => candidate.name === name);
      if (!subgraph) throw new Error(`no subgraph ${name}`);
      stopped.add(name);
      await subgraph.stop();
    },
    async stop() {
      await gateway.stop();
      await Promise.all(running.running.filter((s) => !stopped.has(s.name)).map((s) => s.stop()));
      await database.dispose();
    },
  };
}

/** The text of a page operation in schema/operations. */
export function operation(name: 'HomePage' | 'CategoryPage' | 'ProductPage'): Promise<string> {
  return readFile(path.join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
}
