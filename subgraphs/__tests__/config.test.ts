import path from 'node:path';
import { loadSubgraphConfig, loadSubgraphsConfig } from '../config.js';

const names = ['catalog', 'pricing'];

describe('loadSubgraphsConfig', () => {
  it('defaults to one embedded database in .data/pglite and the full seed', () => {
    const config = loadSubgraphsConfig({}, names, '/srv/app');
    const embedded = { dataDir: path.resolve('/srv/app', '.data/pglite') };
    expect(config.databases).toEqual({ catalog: embedded, pricing: embedded });
    expect(config.seedPlan).toEqual({ products: 10_000, customers: 1_000 });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      ports: { catalog: 4001, pricing: 4002 },
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads the drain bound from SHUTDOWN_TIMEOUT_MS, naming a bad one', () => {
    expect(loadSubgraphsConfig({ SHUTDOWN_TIMEOUT_MS: '25000' }, names).shutdownTimeoutMs).toBe(25_000);
    expect(() => loadSubgraphsConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' }, names)).toThrow(
      'SHUTDOWN_TIMEOUT_MS is "soon"; use a whole number from 0 to 600000',
    );
  });

  it('uses DATABASE_URL for every subgraph and <NAME>_DATABASE_URL for one', () => {
    const config = loadSubgraphsConfig(
      { DATABASE_URL: 'postgres://db/shop', PRICING_DATABASE_URL: 'postgresql://pricing-db/prices' },
      names,
    );
    const server = { poolSize: 10, preparedStatements: true };
    expect(config.databases).toEqual({
      catalog: { url: 'postgres://db/shop', ...server },
      pricing: { url: 'postgresql://pricing-db/prices', ...server },
    });
  });

  it('reads the pool size and whether to name prepared statements, naming a bad value', () => {
    const config = loadSubgraphsConfig(
      { DATABASE_URL: 'postgres://db/shop', DATABASE_POOL_SIZE: '4', DATABASE_PREPARED_STATEMENTS: 'false' },
      names,
    );
    expect(config.databases['pricing']).toEqual({
      url: 'postgres://db/shop',
      poolSize: 4,
      preparedStatements: false,
    });
    expect(() => loadSubgraphsConfig({ DATABASE_POOL_SIZE: '0' }, names)).toThrow(
      'DATABASE_POOL_SIZE is "0"; use a whole number from 1 to 1000',
    );
    expect(() => loadSubgraphsConfig({ DATABASE_PREPARED_STATEMENTS: 'off' }, names)).toThrow(
      'DATABASE_PREPARED_STATEMENTS is "off"; use one of true, false',
    );
  });

  it('names the variable without echoing a connection string that may hold a password', () => {
    expect(() => loadSubgraphsConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' }, names)).toThrow(
      'DATABASE_URL is not a postgres:// connection string',
    );
    try {
      loadSubgraphsConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' }, names);
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('reads a smaller seed for tests and rejects one too small to fill a page', () => {
    expect(loadSubgraphsConfig({ SEED_PRODUCTS: '500', SEED_CUSTOMERS: '20' }, names).seedPlan).toEqual({
      products: 500,
      customers: 20,
    });
    expect(() => loadSubgraphsConfig({ SEED_PRODUCTS: '5' }, names)).toThrow(
      'SEED_PRODUCTS is "5"; use a whole number from 100 to 1000000',
    );
  });

  it('numbers ports from SUBGRAPH_BASE_PORT in the given order, and takes <NAME>_PORT for one subgraph', () => {
    expect(loadSubgraphsConfig({ SUBGRAPH_BASE_PORT: '5001', PRICING_PORT: '6000' }, names).ports).toEqual({
      catalog: 5001,
      pricing: 6000,
    });
    expect(loadSubgraphsConfig({ SUBGRAPH_BASE_PORT: '0' }, names).ports).toEqual({ catalog: 0, pricing: 0 });
    expect(() => loadSubgraphsConfig({ CATALOG_PORT: 'x' }, names)).toThrow(
      'CATALOG_PORT is "x"; use a whole number from 0 to 65535',
    );
  });
});

describe('loadSubgraphConfig', () => {
  it('configures one subgraph alone: its port in supergraph order, an embedded database of its own', () => {
    const config = loadSubgraphConfig({}, 'pricing', names, '/srv/app');
    expect(config.ports).toEqual({ pricing: 4002 });
    expect(config.databases).toEqual({
      pricing: { dataDir: path.resolve('/srv/app', '.data/pglite-pricing') },
    });
  });

  it('keeps DATA_DIR and database URLs as set', () => {
    expect(loadSubgraphConfig({ DATA_DIR: '/var/data' }, 'pricing', names).databases).toEqual({
      pricing: { dataDir: '/var/data' },
    });
    expect(
      loadSubgraphConfig({ PRICING_DATABASE_URL: 'postgres://db/prices' }, 'pricing', names).databases,
    ).toEqual({ pricing: { url: 'postgres://db/prices', poolSize: 10, preparedStatements: true } });
  });

  it('names the valid subgraphs for an unknown one', () => {
    expect(() => loadSubgraphConfig({}, 'prices', names)).toThrow(
      'There is no subgraph "prices"; use one of catalog, pricing',
    );
  });
});
