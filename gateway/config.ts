import { availableParallelism } from 'node:os';
import path from 'node:path';
import { loadOperationLimitsConfig, type OperationLimitsConfig } from './limits/operationLimits.js';
import {
  loadPersistedQueryLimitsConfig,
  type PersistedQueryLimitsConfig,
} from './limits/persistedQueryLimits.js';
import { loadRateLimitConfig, type RateLimitConfig } from './limits/rateLimiter.js';
import { loadClientAddressConfig, type ClientAddressConfig } from './http/clientAddress.js';
import { loadPartnersConfig, type PartnersConfig } from './partners/loadPartnersConfig.js';
import { loadResilienceConfig, type ResilienceConfig } from './resilience/resilienceConfig.js';
import {
  LOG_LEVELS,
  readChoice,
  readInteger,
  readInternalAuthSecret,
  type LogLevel,
} from '../contracts/env.js';
import { DEVELOPMENT_READ_TOKEN } from '../contracts/registryTokens.js';
import { readTracingConfig, type TracingConfig } from '../contracts/tracing.js';
import type { MisfitPolicy } from './schema/prepareSupergraph.js';

/** Everything the gateway reads from its environment, parsed and checked once at start-up. */
export interface GatewayConfig {
  /** TCP port (`GATEWAY_PORT`). Default 4000. */
  port: number;
  /** Interface to bind (`GATEWAY_HOST`). Default `127.0.0.1`; set `0.0.0.0` to serve other hosts. */
  host: string;
  /**
   * Gateway processes sharing the port (`GATEWAY_WORKERS`, 1 to 256): above 1, `gateway/main.ts` forks that many
   * cluster workers, each a whole gateway; 1 runs one process. Default: the available cores.
   */
  workers: number;
  /**
   * The composed supergraph (`SUPERGRAPH_PATH`), read at start and watched for changes. Default
   * `schema/supergraph.graphql`; ignored when `supergraphUrl` or `registry` is set.
   */
  supergraphPath: string;
  /**
   * Where to fetch the supergraph instead of a file (`SUPERGRAPH_URL`, http or https), polled with `If-None-Match`
   * and `If-Modified-Since`. Default none. Setting both this and `SUPERGRAPH_PATH` is an error.
   */
  supergraphUrl?: string;
  /**
   * The schema registry the supergraph, the registered operations and the clients come from (`REGISTRY_URL`, its
   * http(s) base URL, and `REGISTRY_TOKEN`, the read token sent as a bearer token and never logged):
   * `<url>/supergraph.graphql`, `<url>/operations` and `<url>/clients/keys`, each polled every
   * `supergraphPollIntervalMs` with `If-None-Match`. Default none: the supergraph from `supergraphPath` or
   * `supergraphUrl`, the operations from `operationsDir` and the manifest, the clients from `partners.clientsPath`.
   * Setting it with `SUPERGRAPH_PATH` or `SUPERGRAPH_URL` is an error; in production it needs `REGISTRY_TOKEN`.
   */
  registry?: RegistryConfig;
  /**
   * How often the supergraph source is checked for a new version, in ms (`SUPERGRAPH_POLL_INTERVAL_MS`, 0 to
   * 3,600,000); a file is also watched, so this is its fallback. 0 reads the supergraph once, at start. Default 10,000.
   */
  supergraphPollIntervalMs: number;
  /**
   * The page operations clients send as text (`OPERATIONS_DIR`, `*.graphql`): without `registry`, they and the
   * persisted-query manifest's are the registered operations every new supergraph must fit (`operationsMisfit`).
   * Default `schema/operations`.
   */
  operationsDir: string;
  /**
   * Whether a supergraph that some registered operation does not fit (invalid, over the cost limit, unplannable)
   * is refused (`OPERATIONS_MISFIT=refuse`), or served without that operation, logged once per version (`warn`).
   * Default `refuse` where the operations are the graph's own: with `registry`, or with the repository's own
   * supergraph and operations (`SUPERGRAPH_PATH`, `OPERATIONS_DIR` and the manifest at their defaults); else `warn`,
   * so that a gateway pointed at another graph serves it.
   */
  operationsMisfit: MisfitPolicy;
  /** Subgraph URLs that replace the supergraph's routing URLs (`SUBGRAPH_<NAME>_URL`). Default none. */
  subgraphUrls: Record<string, string>;
  /**
   * Longest wait for one subgraph request's answer, and between parts of its body, in ms (`SUBGRAPH_TIMEOUT_MS`,
   * 100 to 600,000). Default 3,000: well under the 10 to 30 s clients commonly give up after, so a slow subgraph
   * costs its fields, not the page.
   */
  subgraphTimeoutMs: number;
  /** Per-subgraph timeouts in ms that replace `subgraphTimeoutMs` (`SUBGRAPH_<NAME>_TIMEOUT_MS`). Default none. */
  subgraphTimeouts: Record<string, number>;
  /** Retries and circuit breakers of subgraph fetches (`SUBGRAPH_RETRY*`, `SUBGRAPH_BREAKER_*`). */
  resilience: ResilienceConfig;
  /**
   * Whether Apollo Gateway may send its usage metrics to Apollo (`APOLLO_TELEMETRY_DISABLED=false` allows it).
   * Default off: the gateway sends nothing to third parties unless told to.
   */
  apolloTelemetry: boolean;
  /** Largest accepted request body in bytes (`MAX_BODY_BYTES`). Default 1 MiB. */
  maxBodyBytes: number;
  /**
   * Longest wait for requests in flight after SIGTERM or SIGINT, in ms (`SHUTDOWN_TIMEOUT_MS`, 0 to 600,000); then
   * their connections are closed. Keep it under the orchestrator's grace period (Kubernetes: 30 s). Default 10,000.
   */
  shutdownTimeoutMs: number;
  /**
   * Port of a separate admin server for Prometheus metrics (`METRICS_PORT`, 0 to 65535), bound to `host`; when set,
   * `/metrics` and the detailed `/health/ready` are served there (by the cluster primary, with workers) and `/metrics`
   * no longer on `port`. Default none: `/metrics` on `port` (for administrators only in production).
   */
  metricsPort?: number;
  auth: {
    /**
     * HS256 key for bearer tokens (`AUTH_SECRET`, at least 32 characters). Default: a development key outside
     * production; none in production, where `AUTH_SECRET` or `AUTH_JWKS_URL` must be set.
     */
    secret?: string;
    /** Expected `iss` claim (`AUTH_ISSUER`). Default `commerce-gateway`. */
    issuer: string;
    /** Expected `aud` claim (`AUTH_AUDIENCE`). Default `commerce-storefront`. */
    audience: string;
    /**
     * The identity provider's JWKS (`AUTH_JWKS_URL`); when set, tokens are verified against its keys (RS256, PS256,
     * ES256, EdDSA) instead of `secret`, and rotated keys are fetched as tokens start naming them. Default none.
     */
    jwksUrl?: string;
  };
  cache: CacheConfig;
  /** Registered clients and operations. */
  partners: PartnersConfig;
  /** Depth, alias, token, directive and cost limits checked before execution. */
  limits: OperationLimitsConfig;
  /** Which proxies in front may name the client's address, and in which header. */
  clientAddress: ClientAddressConfig;
  /** Requests per minute per client class. */
  rateLimit: RateLimitConfig;
  /** Largest automatic persisted query, and bytes one caller may register per hour. */
  persistedQueryLimits: PersistedQueryLimitsConfig;
  /** Secret to sign the caller's identity for subgraphs (`INTERNAL_AUTH_SECRET`); see contracts/internalIdentity.ts. */
  internalAuthSecret: string;
  /**
   * Whether the gateway's root serves GraphiQL, opened with the page operations of `operationsDir` (`GRAPHIQL`,
   * `true`/`false`). Default on, except with `NODE_ENV=production`.
   */
  graphiql: boolean;
  /** `NODE_ENV=production`. */
  production: boolean;
  /** pino level (`LOG_LEVEL`). Default `info`. */
  logLevel: LogLevel;
  /**
   * Where spans go over OTLP/HTTP (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT`, and
   * `OTEL_SERVICE_NAME`, default `gateway`). Default none: no tracing.
   */
  tracing?: TracingConfig;
}

/** The schema registry a gateway reads its supergraph and registered operations from. */
export interface RegistryConfig {
  /** Its base URL (`REGISTRY_URL`), e.g. `http://127.0.0.1:4010`. */
  url: string;
  /**
   * The read token (`REGISTRY_TOKEN`). Default: the development read token outside production, which only a
   * development registry accepts; required in production.
   */
  token: string;
}

/** Caching at the gateway: whole responses, subgraph entities and persisted queries. */
export interface CacheConfig {
  /** Whether responses and entities are cached (`CACHE_ENABLED`, `true`/`false`). Default true. */
  enabled: boolean;
  /**
   * Whether whole responses are cached as well as entities (`CACHE_RESPONSES`, `true`/`false`); with `false` only
   * the entity layer runs. Default true.
   */
  responses: boolean;
  /** Redis server for the shared store (`REDIS_URL`). Default none: an in-memory store per process. */
  redisUrl?: string;
  /** Redis Cluster seed nodes (`REDIS_CLUSTER_NODES`, `host:port,host:port`). Default none. */
  redisClusterNodes?: string[];
  /** Prefix of every Redis key (`REDIS_KEY_PREFIX`). Default `cf:`. */
  keyPrefix: string;
  /** Longest wait for one cache call before answering without it, in ms (`CACHE_TIMEOUT_MS`). Default 100. */
  timeoutMs: number;
  /** How long past expiry an entry may still answer when its subgraph fails (`CACHE_GRACE_SECONDS`). Default 300. */
  graceSeconds: number;
  /**
   * Bytes the in-memory store keeps (`CACHE_MAX_BYTES`), counting each entry's value, key, tags and overhead; the
   * least recently used entries go first. Default 64 MiB.
   */
  maxBytes: number;
  /** Entries the in-memory store keeps, on top of `maxBytes` (`CACHE_MAX_ENTRIES`). Default: no bound by count. */
  maxEntries?: number;
  /** Largest value stored; larger answers are not cached (`CACHE_MAX_VALUE_BYTES`). Default 512 KiB. */
  maxValueBytes: number;
  /**
   * Value bytes kept in process in front of Redis (`CACHE_LOCAL_MAX_BYTES`), so a hit costs no round trip.
   * Default 32 MiB.
   */
  localMaxBytes: number;
  /** Longest wait for other instances to confirm a purge, in ms (`CACHE_PURGE_ACK_TIMEOUT_MS`). Default 250. */
  purgeAckTimeoutMs: number;
  /** How long an automatic persisted query stays registered (`APQ_TTL_SECONDS`). Default 86,400. */
  apqTtlSeconds: number;
  /**
   * How far apart the clocks of gateway instances sharing Redis may be, in ms (`CACHE_CLOCK_SKEW_MS`): an answer
   * read up to this long after a purge of what it holds is not stored. Default 1,000.
   */
  clockSkewMs: number;
}

const DEFAULT_SUPERGRAPH_PATH = 'schema/supergraph.graphql';
const DEFAULT_OPERATIONS_DIR = 'schema/operations';

/** The development signing key: public on purpose, so that `npm run token` works out of the box. */
export const DEVELOPMENT_AUTH_SECRET = 'development-only-secret-do-not-use-in-production';

/** Reads the gateway's configuration from `env`; throws an error naming the variable for any bad value. */
export function loadConfig(env: NodeJS.ProcessEnv, root = process.cwd()): GatewayConfig {
  const production = env['NODE_ENV'] === 'production';
  const secret = env['AUTH_SECRET'] ?? (production ? undefined : DEVELOPMENT_AUTH_SECRET);
  // With a JWKS, tokens are verified against the identity provider's keys: production needs no HS256 key then.
  if (secret === undefined ? !env['AUTH_JWKS_URL'] : secret.length < 32) {
    throw new Error(
      "AUTH_SECRET must be set to at least 32 characters, or AUTH_JWKS_URL to the identity provider's JWKS " +
        '(one of them is required when NODE_ENV=production)',
    );
  }
  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
    if (match?.[1] && value) subgraphUrls[match[1].toLowerCase()] = parseUrl(name, value);
  }
  const subgraphTimeouts: Record<string, number> = {};
  for (const name of Object.keys(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/.exec(name);
    if (match?.[1]) subgraphTimeouts[match[1].toLowerCase()] = readInteger(env, name, 3_000, 100, 600_000);
  }
  const tracing = readTracingConfig(env, 'gateway');
  const supergraphPath = path.resolve(root, env['SUPERGRAPH_PATH'] ?? DEFAULT_SUPERGRAPH_PATH);
  const supergraphUrl = readSupergraphUrl(env);
  const registry = readRegistry(env, production);
  const operationsDir = path.resolve(root, env['OPERATIONS_DIR'] || DEFAULT_OPERATIONS_DIR);
  const partners = loadPartnersConfig(env, root);
  // The repository's own operations fit the repository's own supergraph; another graph's need not.
  const ownGraph =
    registry !== undefined ||
    (supergraphUrl.supergraphUrl === undefined &&
      supergraphPath === path.resolve(root, DEFAULT_SUPERGRAPH_PATH) &&
      operationsDir === path.resolve(root, DEFAULT_OPERATIONS_DIR) &&
      partners.manifestPath === loadPartnersConfig({}, root).manifestPath);
  return {
    port: readInteger(env, 'GATEWAY_PORT', 4000, 0, 65535),
    workers: readInteger(env, 'GATEWAY_WORKERS', Math.min(availableParallelism(), 256), 1, 256),
    host: env['GATEWAY_HOST'] ?? '127.0.0.1',
    supergraphPath,
    ...supergraphUrl,
    ...(registry ? { registry } : {}),
    supergraphPollIntervalMs: readInteger(env, 'SUPERGRAPH_POLL_INTERVAL_MS', 10_000, 0, 3_600_000),
    operationsDir,
    operationsMisfit: readChoice(env, 'OPERATIONS_MISFIT', ['refuse', 'warn'], ownGraph ? 'refuse' : 'warn'),
    subgraphUrls,
    subgraphTimeoutMs: readInteger(env, 'SUBGRAPH_TIMEOUT_MS', 3_000, 100, 600_000),
    subgraphTimeouts,
    resilience: loadResilienceConfig(env),
    apolloTelemetry: readChoice(env, 'APOLLO_TELEMETRY_DISABLED', ['true', 'false'], 'true') === 'false',
    maxBodyBytes: readInteger(env, 'MAX_BODY_BYTES', 1_048_576, 1_024, 104_857_600),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    ...(env['METRICS_PORT'] ? { metricsPort: readInteger(env, 'METRICS_PORT', 0, 0, 65535) } : {}),
    auth: {
      ...(secret === undefined ? {} : { secret }),
      issuer: env['AUTH_ISSUER'] ?? 'commerce-gateway',
      audience: env['AUTH_AUDIENCE'] ?? 'commerce-storefront',
      ...(env['AUTH_JWKS_URL'] ? { jwksUrl: parseUrl('AUTH_JWKS_URL', env['AUTH_JWKS_URL']) } : {}),
    },
    cache: loadCacheConfig(env),
    partners,
    limits: loadOperationLimitsConfig(env),
    clientAddress: loadClientAddressConfig(env),
    rateLimit: loadRateLimitConfig(env),
    persistedQueryLimits: loadPersistedQueryLimitsConfig(env),
    internalAuthSecret: readInternalAuthSecret(env),
    graphiql: readChoice(env, 'GRAPHIQL', ['true', 'false'], production ? 'false' : 'true') === 'true',
    production,
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    ...(tracing ? { tracing } : {}),
  };
}

function loadCacheConfig(env: NodeJS.ProcessEnv): CacheConfig {
  const enabled = readChoice(env, 'CACHE_ENABLED', ['true', 'false'], 'true') === 'true';
  const redisUrl = env['REDIS_URL'] || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    // The value may hold a password: name the variable, never echo it.
    throw new Error('REDIS_URL is not a redis:// or rediss:// URL');
  }
  const nodes = env['REDIS_CLUSTER_NODES'];
  const redisClusterNodes = nodes ? nodes.split(',').map((node) => node.trim()) : undefined;
  if (redisClusterNodes?.some((node) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(node))) {
    throw new Error(`REDIS_CLUSTER_NODES is "${nodes}"; use host:port pairs separated by commas`);
  }
  return {
    enabled,
    responses: readChoice(env, 'CACHE_RESPONSES', ['true', 'false'], 'true') === 'true',
    ...(redisUrl ? { redisUrl } : {}),
    ...(redisClusterNodes ? { redisClusterNodes } : {}),
    keyPrefix: env['REDIS_KEY_PREFIX'] ?? 'cf:',
    timeoutMs: readInteger(env, 'CACHE_TIMEOUT_MS', 100, 1, 10_000),
    graceSeconds: readInteger(env, 'CACHE_GRACE_SECONDS', 300, 0, 86_400),
    maxBytes: readInteger(env, 'CACHE_MAX_BYTES', 67_108_864, 65_536, 17_179_869_184),
    ...(env['CACHE_MAX_ENTRIES']
      ? { maxEntries: readInteger(env, 'CACHE_MAX_ENTRIES', 0, 1, 10_000_000) }
      : {}),
    maxValueBytes: readInteger(env, 'CACHE_MAX_VALUE_BYTES', 524_288, 1_024, 67_108_864),
    apqTtlSeconds: readInteger(env, 'APQ_TTL_SECONDS', 86_400, 1, 31_536_000),
    clockSkewMs: readInteger(env, 'CACHE_CLOCK_SKEW_MS', 1_000, 0, 60_000),
    localMaxBytes: readInteger(env, 'CACHE_LOCAL_MAX_BYTES', 33_554_432, 1_024, 17_179_869_184),
    purgeAckTimeoutMs: readInteger(env, 'CACHE_PURGE_ACK_TIMEOUT_MS', 250, 1, 60_000),
  };
}

function readRegistry(env: NodeJS.ProcessEnv, production: boolean): RegistryConfig | undefined {
  const raw = env['REGISTRY_URL'];
  if (!raw) return undefined;
  for (const other of ['SUPERGRAPH_PATH', 'SUPERGRAPH_URL']) {
    if (env[other]) throw new Error(`REGISTRY_URL and ${other} are both set; set one of them`);
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  // The value may carry credentials: name the variable, never echo it.
  if ((url?.protocol !== 'http:' && url?.protocol !== 'https:') || url.search || url.hash) {
    throw new Error('REGISTRY_URL is not an http(s) base URL such as http://127.0.0.1:4010');
  }
  const token = env['REGISTRY_TOKEN'] || undefined;
  if (production && !token) {
    throw new Error('REGISTRY_TOKEN must be set with REGISTRY_URL when NODE_ENV=production');
  }
  return { url: url.toString(), token: token ?? DEVELOPMENT_READ_TOKEN };
}

function readSupergraphUrl(env: NodeJS.ProcessEnv): { supergraphUrl?: string } {
  const raw = env['SUPERGRAPH_URL'];
  if (!raw) return {};
  if (env['SUPERGRAPH_PATH'])
    throw new Error('SUPERGRAPH_URL and SUPERGRAPH_PATH are both set; set one of them');
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  // The value may carry a token (in its query or user part): name the variable, never echo it.
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new Error(
      'SUPERGRAPH_URL is not an http(s) URL such as https://registry.example/supergraph.graphql',
    );
  }
  return { supergraphUrl: url.toString() };
}

function parseUrl(name: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // fall through to the error below
  }
  throw new Error(`${name} is "${raw}"; use an http(s) URL such as http://127.0.0.1:4001/graphql`);
}
