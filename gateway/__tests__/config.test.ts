import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DEVELOPMENT_READ_TOKEN } from '../../contracts/registryTokens.js';
import { DEVELOPMENT_AUTH_SECRET, loadConfig } from '../config.js';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      supergraphPath: path.resolve('/srv/app', 'schema/supergraph.graphql'),
      subgraphUrls: {},
      subgraphTimeoutMs: 3_000,
      subgraphTimeouts: {},
      resilience: {
        retry: { retries: 2, delayMs: 50, budgetMs: 1_000 },
        breaker: { failures: 5, cooldownMs: 10_000, readinessIntervalMs: 1_000 },
      },
      apolloTelemetry: false,
      maxBodyBytes: 1_048_576,
      shutdownTimeoutMs: 10_000,
      production: false,
      logLevel: 'info',
    });
    expect(config.auth.secret).toBe(DEVELOPMENT_AUTH_SECRET);
  });

  it('lets Apollo Gateway send usage metrics to Apollo only when told to', () => {
    expect(loadConfig({ APOLLO_TELEMETRY_DISABLED: 'false' }).apolloTelemetry).toBe(true);
    expect(() => loadConfig({ APOLLO_TELEMETRY_DISABLED: 'no' })).toThrow(
      'APOLLO_TELEMETRY_DISABLED is "no"; use one of true, false',
    );
  });

  it('reads subgraph URL overrides from SUBGRAPH_<NAME>_URL', () => {
    const config = loadConfig({ SUBGRAPH_PRICING_URL: 'http://10.0.0.5:9000/graphql' });
    expect(config.subgraphUrls).toEqual({ pricing: 'http://10.0.0.5:9000/graphql' });
  });

  it('reads per-subgraph timeouts from SUBGRAPH_<NAME>_TIMEOUT_MS, naming a bad one', () => {
    const config = loadConfig({ SUBGRAPH_TIMEOUT_MS: '2000', SUBGRAPH_PRICING_TIMEOUT_MS: '800' });
    expect(config.subgraphTimeoutMs).toBe(2_000);
    expect(config.subgraphTimeouts).toEqual({ pricing: 800 });
    expect(() => loadConfig({ SUBGRAPH_PRICING_TIMEOUT_MS: '5' })).toThrow(
      'SUBGRAPH_PRICING_TIMEOUT_MS is "5"; use a whole number from 100 to 600000',
    );
  });

  it('reads the retry and circuit breaker settings, naming a bad one', () => {
    const config = loadConfig({ SUBGRAPH_RETRIES: '0', SUBGRAPH_BREAKER_FAILURES: '3' });
    expect(config.resilience.retry.retries).toBe(0);
    expect(config.resilience.breaker.failures).toBe(3);
    expect(() => loadConfig({ SUBGRAPH_RETRIES: '11' })).toThrow(
      'SUBGRAPH_RETRIES is "11"; use a whole number from 0 to 10',
    );
  });

  it('reads the readiness probe interval of open circuits, 0 turning it off, naming a bad one', () => {
    expect(
      loadConfig({ SUBGRAPH_BREAKER_PROBE_INTERVAL_MS: '250' }).resilience.breaker.readinessIntervalMs,
    ).toBe(250);
    expect(
      loadConfig({ SUBGRAPH_BREAKER_PROBE_INTERVAL_MS: '0' }).resilience.breaker.readinessIntervalMs,
    ).toBe(0);
    expect(() => loadConfig({ SUBGRAPH_BREAKER_PROBE_INTERVAL_MS: '50' })).toThrow(
      'SUBGRAPH_BREAKER_PROBE_INTERVAL_MS is "50"; use 0 (no readiness probes) or a whole number from 100 to 60000',
    );
  });

  it('names the variable, the value and what is accepted for a bad port', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty' })).toThrow(
      'GATEWAY_PORT is "eighty"; use a whole number from 0 to 65535',
    );
  });

  it('rejects a subgraph URL that is not http(s)', () => {
    expect(() => loadConfig({ SUBGRAPH_CATALOG_URL: 'ftp://x' })).toThrow(
      /SUBGRAPH_CATALOG_URL is "ftp:\/\/x"/,
    );
  });

  it('refuses to run in production without an AUTH_SECRET, and never uses the development key there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set/);
    const secret = 'p'.repeat(40);
    const production = { NODE_ENV: 'production', AUTH_SECRET: secret, INTERNAL_AUTH_SECRET: 'i'.repeat(40) };
    expect(loadConfig(production).auth.secret).toBe(secret);
    expect(loadConfig(production).internalAuthSecret).toBe('i'.repeat(40));
  });

  it('runs in production with only AUTH_JWKS_URL for tokens, as the README describes, and no HS256 key', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json',
      INTERNAL_AUTH_SECRET: 'i'.repeat(40),
    };
    const config = loadConfig(production);
    expect(config.auth.jwksUrl).toBe('https://id.example/.well-known/jwks.json');
    expect(config.auth.secret).toBeUndefined();
    expect(() => loadConfig({ ...production, AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be/);
    expect(() => loadConfig({ NODE_ENV: 'production', INTERNAL_AUTH_SECRET: 'i'.repeat(40) })).toThrow(
      /AUTH_SECRET must be set .* or AUTH_JWKS_URL/,
    );
  });

  it('refuses to run in production without its own INTERNAL_AUTH_SECRET for subgraph identities', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'p'.repeat(40) })).toThrow(
      /INTERNAL_AUTH_SECRET must be set/,
    );
  });

  it('runs a worker per available core unless GATEWAY_WORKERS says otherwise', () => {
    expect(loadConfig({}).workers).toBe(Math.min(availableParallelism(), 256));
    expect(loadConfig({ GATEWAY_WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ GATEWAY_WORKERS: '12' }).workers).toBe(12);
  });

  it('bounds the in-memory store by 64 MiB and by count only when CACHE_MAX_ENTRIES is set', () => {
    const defaults = loadConfig({}).cache;
    expect(defaults.maxBytes).toBe(64 * 1024 * 1024);
    expect(defaults.maxEntries).toBeUndefined();
    const set = loadConfig({ CACHE_MAX_BYTES: '1048576', CACHE_MAX_ENTRIES: '500' }).cache;
    expect(set).toMatchObject({ maxBytes: 1_048_576, maxEntries: 500 });
    expect(() => loadConfig({ CACHE_MAX_ENTRIES: '0' })).toThrow(
      'CACHE_MAX_ENTRIES is "0"; use a whole number from 1',
    );
  });

  it('names GATEWAY_WORKERS, the value and the accepted range for a bad worker count', () => {
    expect(() => loadConfig({ GATEWAY_WORKERS: '0' })).toThrow(
      'GATEWAY_WORKERS is "0"; use a whole number from 1 to 256',
    );
    expect(() => loadConfig({ GATEWAY_WORKERS: 'all' })).toThrow(/^GATEWAY_WORKERS is "all"/);
  });

  it('watches schema/supergraph.graphql every 10 s by default, and reads a URL instead when SUPERGRAPH_URL is set', () => {
    const defaults = loadConfig({}, '/srv/app');
    expect(defaults).toMatchObject({
      supergraphPollIntervalMs: 10_000,
      operationsDir: path.resolve('/srv/app', 'schema/operations'),
    });
    expect(defaults.supergraphUrl).toBeUndefined();
    const url = loadConfig({
      SUPERGRAPH_URL: 'https://registry.example/supergraph.graphql',
      SUPERGRAPH_POLL_INTERVAL_MS: '0',
    });
    expect(url).toMatchObject({
      supergraphUrl: 'https://registry.example/supergraph.graphql',
      supergraphPollIntervalMs: 0,
    });
  });

  it('refuses a supergraph URL that is not http(s) without echoing it, and both a URL and a path', () => {
    let message = '';
    try {
      loadConfig({ SUPERGRAPH_URL: 'ftp://user:secret@registry.example/supergraph' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^SUPERGRAPH_URL is not an http\(s\) URL/);
    expect(message).not.toContain('secret');
    expect(() =>
      loadConfig({
        SUPERGRAPH_URL: 'https://registry.example/s.graphql',
        SUPERGRAPH_PATH: 'schema/supergraph.graphql',
      }),
    ).toThrow('SUPERGRAPH_URL and SUPERGRAPH_PATH are both set; set one of them');
    expect(() => loadConfig({ SUPERGRAPH_POLL_INTERVAL_MS: '-1' })).toThrow(
      'SUPERGRAPH_POLL_INTERVAL_MS is "-1"; use a whole number from 0 to 3600000',
    );
  });

  it('reads the supergraph and the operations from the schema registry at REGISTRY_URL, with its token', () => {
    const config = loadConfig({
      REGISTRY_URL: 'http://registry.internal:4010',
      REGISTRY_TOKEN: 'read-token',
    });
    expect(config.registry).toEqual({ url: 'http://registry.internal:4010/', token: 'read-token' });
    expect(loadConfig({}).registry).toBeUndefined();
    // Outside production, a development registry's read token is the default.
    expect(loadConfig({ REGISTRY_URL: 'http://127.0.0.1:4010' }).registry).toEqual({
      url: 'http://127.0.0.1:4010/',
      token: DEVELOPMENT_READ_TOKEN,
    });
    for (const other of ['SUPERGRAPH_PATH', 'SUPERGRAPH_URL']) {
      expect(() =>
        loadConfig({ REGISTRY_URL: 'http://registry.internal:4010', [other]: 'https://elsewhere/s.graphql' }),
      ).toThrow(`REGISTRY_URL and ${other} are both set; set one of them`);
    }
    for (const bad of ['registry.internal:4010', 'http://user:secret@registry.internal/?token=secret']) {
      let message = '';
      try {
        loadConfig({ REGISTRY_URL: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe('REGISTRY_URL is not an http(s) base URL such as http://127.0.0.1:4010');
    }
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'p'.repeat(40),
      INTERNAL_AUTH_SECRET: 'i'.repeat(40),
    };
    expect(() => loadConfig({ ...production, REGISTRY_URL: 'https://registry.internal' })).toThrow(
      'REGISTRY_TOKEN must be set with REGISTRY_URL when NODE_ENV=production',
    );
  });

  it("refuses a supergraph a registered operation does not fit where the operations are the graph's own, else warns", () => {
    const misfit = (env: NodeJS.ProcessEnv) => loadConfig(env, '/srv/app').operationsMisfit;
    expect(misfit({})).toBe('refuse');
    expect(misfit({ SUPERGRAPH_PATH: 'schema/supergraph.graphql' })).toBe('refuse');
    expect(misfit({ REGISTRY_URL: 'http://127.0.0.1:4010' })).toBe('refuse');
    expect(misfit({ SUPERGRAPH_PATH: '/srv/other/supergraph.graphql' })).toBe('warn');
    expect(misfit({ SUPERGRAPH_URL: 'https://cdn.example/supergraph.graphql' })).toBe('warn');
    expect(misfit({ OPERATIONS_DIR: 'ops' })).toBe('warn');
    expect(misfit({ PERSISTED_QUERY_MANIFEST_PATH: '/etc/pq.json' })).toBe('warn');
    expect(misfit({ SUPERGRAPH_PATH: '/srv/other/supergraph.graphql', OPERATIONS_MISFIT: 'refuse' })).toBe(
      'refuse',
    );
    expect(misfit({ OPERATIONS_MISFIT: 'warn' })).toBe('warn');
    expect(() => misfit({ OPERATIONS_MISFIT: 'ignore' })).toThrow(
      'OPERATIONS_MISFIT is "ignore"; use one of refuse, warn',
    );
  });

  it('serves GraphiQL outside production, and in production only when GRAPHIQL=true', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'p'.repeat(40),
      INTERNAL_AUTH_SECRET: 'i'.repeat(40),
    };
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'false' }).graphiql).toBe(false);
    expect(loadConfig(production).graphiql).toBe(false);
    expect(loadConfig({ ...production, GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow('GRAPHIQL is "yes"; use one of true, false');
  });

  it('serves /metrics on the GraphQL port unless METRICS_PORT names another, naming a bad one', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(
      'METRICS_PORT is "70000"; use a whole number from 0 to 65535',
    );
  });

  it('rejects an unknown log level', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL is "loud"; use one of fatal, error/);
  });
});
