import path from 'node:path';
import { DEVELOPMENT_ADMIN_TOKEN, DEVELOPMENT_READ_TOKEN } from '../../contracts/registryTokens.js';
import { loadRegistryConfig } from '../config.js';

const ROOT = '/srv/app';
const strong = (label: string) => `${label}-${'x'.repeat(40)}`;
const production = {
  NODE_ENV: 'production',
  INTERNAL_AUTH_SECRET: strong('internal'),
  REGISTRY_ADMIN_TOKEN: strong('admin'),
  REGISTRY_READ_TOKEN: strong('read'),
};

describe('loadRegistryConfig', () => {
  it('defaults to port 4010 on 127.0.0.1, an embedded database in .data/registry and development tokens', () => {
    const config = loadRegistryConfig({}, ROOT);
    expect(config).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      database: { dataDir: path.join(ROOT, '.data/registry') },
      tokens: { admin: DEVELOPMENT_ADMIN_TOKEN, read: DEVELOPMENT_READ_TOKEN, publish: {} },
      limits: { maxCost: 10_000, defaultListSize: 5 },
      policyPath: path.join(ROOT, 'schema/policy.yaml'),
    });
  });

  it('prefers REGISTRY_DATABASE_URL to DATABASE_URL, and names the variable of a bad one without its value', () => {
    const url = 'postgres://registry:secret@db:5432/registry';
    expect(
      loadRegistryConfig({ REGISTRY_DATABASE_URL: url, DATABASE_URL: 'postgres://other@db/x' }, ROOT)
        .database,
    ).toMatchObject({ url });
    expect(loadRegistryConfig({ DATABASE_URL: url }, ROOT).database).toMatchObject({ url });
    expect(() => loadRegistryConfig({ REGISTRY_DATABASE_URL: 'mysql://u:hunter2@db' }, ROOT)).toThrow(
      'REGISTRY_DATABASE_URL is not a postgres:// connection string',
    );
  });

  it('reads per-subgraph publish tokens', () => {
    const config = loadRegistryConfig({ REGISTRY_PUBLISH_TOKENS: 'catalog=tok-c, pricing=tok-p' }, ROOT);
    expect(config.tokens.publish).toEqual({ catalog: 'tok-c', pricing: 'tok-p' });
  });

  it.each([
    ['an entry without a token', 'catalog='],
    ['an entry without =', 'catalog'],
    ['a bad subgraph name', '9lives=token'],
  ])('refuses REGISTRY_PUBLISH_TOKENS with %s, without echoing a token', (_label, value) => {
    expect(() => loadRegistryConfig({ REGISTRY_PUBLISH_TOKENS: value }, ROOT)).toThrow(
      /^REGISTRY_PUBLISH_TOKENS must be/,
    );
  });

  it('refuses the same token for two kinds of access', () => {
    expect(() =>
      loadRegistryConfig({ REGISTRY_READ_TOKEN: 'same', REGISTRY_PUBLISH_TOKENS: 'catalog=same' }, ROOT),
    ).toThrow(/must all differ/);
  });

  it('starts in production with strong tokens of its own', () => {
    const config = loadRegistryConfig(
      { ...production, REGISTRY_PUBLISH_TOKENS: `catalog=${strong('catalog')}` },
      ROOT,
    );
    expect(config.tokens.admin).toBe(production.REGISTRY_ADMIN_TOKEN);
  });

  it.each([
    [
      'a missing admin token',
      { REGISTRY_ADMIN_TOKEN: undefined },
      'REGISTRY_ADMIN_TOKEN must be set when NODE_ENV=production',
    ],
    [
      'a missing read token',
      { REGISTRY_READ_TOKEN: undefined },
      'REGISTRY_READ_TOKEN must be set when NODE_ENV=production',
    ],
    [
      'the development admin token',
      { REGISTRY_ADMIN_TOKEN: DEVELOPMENT_ADMIN_TOKEN },
      'REGISTRY_ADMIN_TOKEN is a public development token',
    ],
    [
      'a short read token',
      { REGISTRY_READ_TOKEN: 'short-read-token' },
      'REGISTRY_READ_TOKEN must be at least 32 characters',
    ],
    [
      'a short publish token',
      { REGISTRY_PUBLISH_TOKENS: 'catalog=short' },
      'REGISTRY_PUBLISH_TOKENS (catalog) must be at least 32',
    ],
    [
      'the development internal secret',
      { INTERNAL_AUTH_SECRET: undefined },
      'INTERNAL_AUTH_SECRET must be set',
    ],
  ])('refuses %s in production', (_label, overrides, message) => {
    const env: NodeJS.ProcessEnv = { ...production, ...overrides };
    for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete env[name];
    expect(() => loadRegistryConfig(env, ROOT)).toThrow(message);
  });

  it('reads the policy from SCHEMA_POLICY_PATH, relative to the root', () => {
    expect(loadRegistryConfig({ SCHEMA_POLICY_PATH: 'policy/strict.yaml' }, ROOT).policyPath).toBe(
      path.join(ROOT, 'policy/strict.yaml'),
    );
  });
});
