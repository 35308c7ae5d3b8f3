import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../../gateway/config.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One line of the gateway's log. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A gateway started in this process with `env` over the test defaults, its log lines kept for the test. */
export interface GatewayAlone extends RunningGateway {
  logged: LogLine[];
  /** Posts `query`; returns the HTTP status and parsed body. */
  post(query: string): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }>;
  /** `/health/ready` with its detail. */
  readiness(): Promise<Record<string, unknown>>;
}

/**
 * Starts the gateway in this process on a free port, with the repository's defaults for everything `env` leaves
 * unset, in front of whatever subgraphs its supergraph routes to. Its log goes to `logged`, from the first line:
 * a start that fails has logged there too.
 */
export async function startGatewayAlone(
  env: NodeJS.ProcessEnv,
  logged: LogLine[] = [],
): Promise<GatewayAlone> {
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) },
  );
  const config = loadConfig({ GATEWAY_PORT: '0', RATE_LIMIT_ENABLED: 'false', ...env }, root);
  const gateway = await startGateway(config, logger);
  return {
    ...gateway,
    logged,
    async post(query) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async readiness() {
      return (await (await fetch(new URL('/health/ready', gateway.url))).json()) as Record<string, unknown>;
    },
  };
}
