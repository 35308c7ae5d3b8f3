import path from 'node:path';
import {
  LOG_LEVELS,
  checkDatabaseUrl,
  readChoice,
  readInteger,
  readInternalAuthSecret,
  type LogLevel,
} from '../contracts/env.js';
import { loadOperationLimitsConfig } from '../gateway/limits/operationLimits.js';
import type { CostLimit } from '../gateway/schema/prepareSupergraph.js';
import type { DatabaseOptions } from '../subgraphs/shared/database/openDatabase.js';
import { DEVELOPMENT_ADMIN_TOKEN, DEVELOPMENT_READ_TOKEN } from '../contracts/registryTokens.js';
import { MIN_PRODUCTION_TOKEN_LENGTH, type RegistryTokenSet } from './auth/RegistryTokens.js';
import { isSubgraphName } from './subgraphName.js';

/** Everything the registry service reads from its environment, parsed and checked once at start-up. */
export interface RegistryConfig {
  /** TCP port (`REGISTRY_PORT`, 0 picks a free one). Default 4010. */
  port: number;
  /** Interface to bind (`REGISTRY_HOST`). Default `127.0.0.1`. */
  host: string;
  /**
   * Where versions and operations live: the server at `REGISTRY_DATABASE_URL`, else `DATABASE_URL` (schema
   * `registry`, at most `DATABASE_POOL_SIZE` connections, default 5), else an embedded database in
   * `REGISTRY_DATA_DIR` (default `.data/registry`, a folder of its own: an embedded database serves one process).
   */
  database: DatabaseOptions;
  /**
   * The bearer tokens: `REGISTRY_ADMIN_TOKEN` (everything), `REGISTRY_READ_TOKEN` (supergraph, operations,
   * history), `REGISTRY_PUBLISH_TOKENS` (`catalog=<token>,pricing=<token>`: check and publish that subgraph).
   * Outside `NODE_ENV=production` the admin and read tokens default to public development values and publish tokens
   * to none; in production admin and read must be set, every token at least 32 characters and none a development
   * value. No two may be equal.
   */
  tokens: RegistryTokenSet;
  /**
   * Secret the registry signs its `_service { sdl }` requests to subgraphs with (`INTERNAL_AUTH_SECRET`, as the
   * gateway does). Default: the development secret, refused in production.
   */
  internalAuthSecret: string;
  /** The gateway's cost limit every registered operation is held to (`LIMIT_MAX_COST`, `LIMIT_DEFAULT_LIST_SIZE`). */
  limits: CostLimit;
  /**
   * The policy rules' severities (`SCHEMA_POLICY_PATH`), read at start. Default `schema/policy.yaml`; without the
   * file every rule keeps its default severity.
   */
  policyPath: string;
  /** Largest accepted request body in bytes (`REGISTRY_MAX_BODY_BYTES`, 1 KiB to 64 MiB). Default 8 MiB. */
  maxBodyBytes: number;
  /**
   * Longest wait for a subgraph's `_service { sdl }` answer when a publish verifies it is deployed, in ms
   * (`REGISTRY_SUBGRAPH_TIMEOUT_MS`, 100 to 120,000). Default 5,000.
   */
  subgraphTimeoutMs: number;
  /** Longest wait for requests in flight after SIGTERM or SIGINT, in ms (`SHUTDOWN_TIMEOUT_MS`). Default 10,000. */
  shutdownTimeoutMs: number;
  /** pino level (`LOG_LEVEL`). Default `info`. */
  logLevel: LogLevel;
}

/** Reads the registry's configuration from `env`; throws an error naming the variable for any bad value. */
export function loadRegistryConfig(env: NodeJS.ProcessEnv, root = process.cwd()): RegistryConfig {
  const production = env['NODE_ENV'] === 'production';
  const limits = loadOperationLimitsConfig(env);
  return {
    port: readInteger(env, 'REGISTRY_PORT', 4010, 0, 65535),
    host: env['REGISTRY_HOST'] || '127.0.0.1',
    database: readDatabase(env, root),
    tokens: readTokens(env, production),
    internalAuthSecret: readInternalAuthSecret(env),
    limits: { maxCost: limits.maxCost, defaultListSize: limits.defaultListSize },
    policyPath: path.resolve(root, env['SCHEMA_POLICY_PATH'] || 'schema/policy.yaml'),
    maxBodyBytes: readInteger(env, 'REGISTRY_MAX_BODY_BYTES', 8 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    subgraphTimeoutMs: readInteger(env, 'REGISTRY_SUBGRAPH_TIMEOUT_MS', 5_000, 100, 120_000),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

function readDatabase(env: NodeJS.ProcessEnv, root: string): DatabaseOptions {
  const variable = env['REGISTRY_DATABASE_URL'] ? 'REGISTRY_DATABASE_URL' : 'DATABASE_URL';
  const url = env[variable];
  if (!url) return { dataDir: path.resolve(root, env['REGISTRY_DATA_DIR'] || '.data/registry') };
  return {
    url: checkDatabaseUrl(variable, url),
    poolSize: readInteger(env, 'DATABASE_POOL_SIZE', 5, 1, 1_000),
    preparedStatements: readChoice(env, 'DATABASE_PREPARED_STATEMENTS', ['true', 'false'], 'true') === 'true',
  };
}

function readTokens(env: NodeJS.ProcessEnv, production: boolean): RegistryTokenSet {
  const admin = readToken(env, 'REGISTRY_ADMIN_TOKEN', DEVELOPMENT_ADMIN_TOKEN, production);
  const read = readToken(env, 'REGISTRY_READ_TOKEN', DEVELOPMENT_READ_TOKEN, production);
  const publish: Record<string, string> = {};
  for (const entry of (env['REGISTRY_PUBLISH_TOKENS'] ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const separator = entry.indexOf('=');
    const name = entry.slice(0, Math.max(separator, 0)).trim();
    const token = entry.slice(separator + 1).trim();
    // Token values are credentials: errors name the subgraph, never the value.
    if (separator < 0 || !isSubgraphName(name) || token === '') {
      throw new Error(
        'REGISTRY_PUBLISH_TOKENS must be a comma-separated list of <subgraph>=<token> (subgraph names: letters, ' +
          'digits, _ and -)',
      );
    }
    if (name in publish) throw new Error(`REGISTRY_PUBLISH_TOKENS names subgraph "${name}" twice`);
    checkStrength(`REGISTRY_PUBLISH_TOKENS (${name})`, token, production);
    publish[name] = token;
  }
  const all = [admin, read, ...Object.values(publish)];
  if (new Set(all).size !== all.length) {
    throw new Error(
      'REGISTRY_ADMIN_TOKEN, REGISTRY_READ_TOKEN and REGISTRY_PUBLISH_TOKENS must all differ: a token names one kind of access',
    );
  }
  return { admin, read, publish };
}

function readToken(env: NodeJS.ProcessEnv, name: string, development: string, production: boolean): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (production) throw new Error(`${name} must be set when NODE_ENV=production`);
    return development;
  }
  checkStrength(name, value, production);
  return value;
}

function checkStrength(name: string, token: string, production: boolean): void {
  if (!production) return;
  if (token === DEVELOPMENT_ADMIN_TOKEN || token === DEVELOPMENT_READ_TOKEN) {
    throw new Error(`${name} is a public development token; set a secret one when NODE_ENV=production`);
  }
  if (token.length < MIN_PRODUCTION_TOKEN_LENGTH) {
    throw new Error(
      `${name} must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters when NODE_ENV=production`,
    );
  }
}
