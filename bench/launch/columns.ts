import type { ProcessSpec } from './ProcessGroup.js';

/** One gateway under test: a column of the report. */
export interface ColumnSpec {
  /** Stable key for JSON and ratios: `a`, `b`, `b-redis`, `c`, `d`, `d-cache`, `e`, `e-cache`, `f`. */
  id: string;
  /** The label the report shows, e.g. `(d′) Apollo + response cache`. */
  label: string;
  /** Whether the column is measured after one pass over each rotation (its caches warm). */
  warm: boolean;
  /** How to start it, given the subgraph URLs it fronts. */
  process(subgraphUrls: Record<string, string>): ProcessSpec;
}

/** The secrets every gateway under test shares with the subgraphs and the token issuer. */
export interface Secrets {
  authSecret: string;
  internalAuthSecret: string;
}

/** Rate limits that count every request yet never refuse one (the most the setting accepts). */
const RATE_LIMITS = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_ANONYMOUS: '10000000',
  RATE_LIMIT_CUSTOMER: '10000000',
  RATE_LIMIT_PARTNER: '10000000',
};

/**
 * This gateway as production starts it (`gateway/main.ts`), with `env` on top of the bench's settings. One worker,
 * as each peer runs as one process: on a machine whose cores the subgraphs and the load share, more workers only
 * split the in-memory cache and the cores (`GATEWAY_WORKERS` in production is the host's cores).
 */
export function thisGateway(
  id: string,
  label: string,
  warm: boolean,
  secrets: Secrets,
  env: Record<string, string>,
): ColumnSpec {
  return {
    id,
    label,
    warm,
    process: (subgraphUrls) => ({
      name: `gateway ${id}`,
      script: 'gateway/main.ts',
      env: ([port]) => ({
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        AUTH_SECRET: secrets.authSecret,
        INTERNAL_AUTH_SECRET: secrets.internalAuthSecret,
        ...RATE_LIMITS,
        // The peers never give up on a subgraph; while every column warms at once, a subgraph may take seconds.
        SUBGRAPH_TIMEOUT_MS: '30000',
        GATEWAY_WORKERS: '1',
        ...Object.fromEntries(
          Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
        ),
        ...env,
      }),
    }),
  };
}

/** A peer gateway of bench/processes (`apolloGateway.ts`, `hiveGateway.ts`), optionally with its response cache. */
export function peerGateway(
  id: string,
  label: string,
  script: string,
  responseCache: boolean,
  secrets: Secrets,
): ColumnSpec {
  return {
    id,
    label,
    warm: responseCache,
    process: (subgraphUrls) => ({
      name: `gateway ${id}`,
      script,
      args: ([port]) => [
        '--port',
        String(port),
        '--subgraphs',
        JSON.stringify(subgraphUrls),
        ...(responseCache ? ['--response-cache'] : []),
      ],
      env: () => ({
        AUTH_SECRET: secrets.authSecret,
        INTERNAL_AUTH_SECRET: secrets.internalAuthSecret,
        // As this gateway runs it: Apollo Gateway's usage export to Apollo off (with no internet, its failing
        // connections would be charged to the column).
        APOLLO_TELEMETRY_DISABLED: 'true',
      }),
    }),
  };
}

/** The columns of the pages suite, (a) to (e′); (f) follows once (a) runs, since it replays (a)'s answers. */
export function pageColumns(secrets: Secrets, redis?: { url: string; keyPrefix: string }): ColumnSpec[] {
  return [
    thisGateway('a', '(a) this, caches off', false, secrets, { CACHE_ENABLED: 'false' }),
    thisGateway('b', '(b) this, warm', true, secrets, {}),
    ...(redis
      ? [
          thisGateway('b-redis', '(b) this, warm, Redis', true, secrets, {
            REDIS_URL: redis.url,
            REDIS_KEY_PREFIX: redis.keyPrefix,
          }),
        ]
      : []),
    thisGateway('c', '(c) this, entity cache only', true, secrets, { CACHE_RESPONSES: 'false' }),
    peerGateway('d', '(d) Apollo Gateway', 'bench/processes/apolloGateway.ts', false, secrets),
    peerGateway('d-cache', '(d′) Apollo + response cache', 'bench/processes/apolloGateway.ts', true, secrets),
    peerGateway('e', '(e) Hive Gateway', 'bench/processes/hiveGateway.ts', false, secrets),
    peerGateway('e-cache', '(e′) Hive + response cache', 'bench/processes/hiveGateway.ts', true, secrets),
  ];
}

/** The columns of the gateway-only suite: each gateway uncached, in front of canned subgraphs. */
export function gatewayOnlyColumns(secrets: Secrets): ColumnSpec[] {
  return [
    thisGateway('a', '(a) this, caches off', false, secrets, { CACHE_ENABLED: 'false' }),
    peerGateway('d', '(d) Apollo Gateway', 'bench/processes/apolloGateway.ts', false, secrets),
    peerGateway('e', '(e) Hive Gateway', 'bench/processes/hiveGateway.ts', false, secrets),
  ];
}
