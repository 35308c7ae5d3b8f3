import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadClientAddressConfig } from '../gateway/http/clientAddress.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = supergraphSubgraphs().map((subgraph) => subgraph.name);
const SECRETS = {
  AUTH_SECRET: 'a'.repeat(32),
  INTERNAL_AUTH_SECRET: 'b'.repeat(32),
  POSTGRES_PASSWORD: 'compose-test-password',
  REGISTRY_ADMIN_TOKEN: 'c'.repeat(32),
  REGISTRY_READ_TOKEN: 'd'.repeat(32),
};

function hasDockerCompose(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// No Docker engine runs here: `docker-compose config` (Debian's docker-compose) checks and resolves the file, which
// is as far as it can be checked. CI installs it; elsewhere the suite skips without it.
const available = hasDockerCompose();
if (!available && process.env['CI'] === 'true') throw new Error('docker-compose is required under CI=true');
const describeCompose = available ? describe : describe.skip;

interface Service {
  image?: string;
  command?: string[];
  restart?: string;
  ports?: unknown[];
  environment?: Record<string, string>;
  expose?: string[];
  labels?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  mem_limit?: string | number;
  cpus?: number | string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
}

async function config(env: NodeJS.ProcessEnv): Promise<{ services: Record<string, Service> }> {
  const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: root,
    env: { PATH: process.env['PATH'], ...env },
  });
  return parse(stdout) as { services: Record<string, Service> };
}

describeCompose('docker-compose.yml', () => {
  let services: Record<string, Service>;

  beforeAll(async () => {
    services = (await config(SECRETS)).services;
  }, 60_000);

  it('runs PostgreSQL, Redis, every subgraph, the registry and the gateway, each in its own container', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'gateway', 'registry', 'registry-seed', ...SUBGRAPHS]),
    );
    for (const name of SUBGRAPHS) {
      expect(services[name]?.command).toEqual(['node', 'dist/subgraphs/main.js', name]);
    }
    expect(services['gateway']?.command).toEqual(['node', 'dist/gateway/main.js']);
    expect(services['registry']?.command).toEqual(['node', 'dist/registry/main.js']);
    expect(services['registry-seed']?.command).toEqual([
      'node',
      'dist/scripts/schema.js',
      'publish',
      '--all',
    ]);
    // The same image for all of them.
    expect(
      new Set([...SUBGRAPHS, 'gateway', 'registry', 'registry-seed'].map((name) => services[name]?.image)),
    ).toEqual(new Set(['commerce-federation:local']));
  });

  it('checks the health of every service and starts each once what it needs is healthy', () => {
    expect(services['postgres']?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services['redis']?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const name of [...SUBGRAPHS, 'gateway', 'registry']) {
      expect([name, services[name]?.healthcheck?.test.join(' ')]).toEqual([
        name,
        expect.stringContaining('/health/ready'),
      ]);
    }
    // Every service has a health check but the one-shot seed, which runs to completion and is waited for as such.
    for (const [name, service] of Object.entries(services)) {
      if (name === 'registry-seed') continue;
      expect([name, service.healthcheck?.test]).toEqual([name, expect.any(Array)]);
    }
    expect(services['registry-seed']?.restart).toBe('no');
    for (const name of [...SUBGRAPHS, 'registry']) {
      expect([name, services[name]?.depends_on]).toEqual([
        name,
        { postgres: { condition: 'service_healthy' } },
      ]);
    }
    const healthy = { condition: 'service_healthy' };
    expect(services['registry-seed']?.depends_on).toEqual(
      Object.fromEntries(['registry', ...SUBGRAPHS].map((name) => [name, healthy])),
    );
    expect(services['gateway']?.depends_on).toEqual({
      redis: healthy,
      registry: healthy,
      'registry-seed': { condition: 'service_completed_successfully' },
    });
  });

  it('lets the gateway scale: no fixed host port, shared Redis, the supergraph from the registry', () => {
    expect(services['gateway']?.ports).toBeUndefined();
    expect(services['gateway']?.environment).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
      REGISTRY_URL: 'http://registry:4010',
    });
    // The routing URLs the gateways use are the ones the seed publishes: the compose network's service names.
    expect(services['gateway']?.environment?.['SUBGRAPH_PRICING_URL']).toBeUndefined();
    expect(services['registry-seed']?.environment).toMatchObject({
      REGISTRY_URL: 'http://registry:4010',
      SUBGRAPH_PRICING_URL: 'http://pricing:4003/graphql',
    });
    expect(services['edge']?.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
  });

  it('gives the registry its tokens from the environment, and each client the one it needs', () => {
    expect(services['registry']?.environment).toMatchObject({
      REGISTRY_ADMIN_TOKEN: SECRETS.REGISTRY_ADMIN_TOKEN,
      REGISTRY_READ_TOKEN: SECRETS.REGISTRY_READ_TOKEN,
      REGISTRY_PUBLISH_TOKENS: '',
      REGISTRY_DATABASE_URL: `postgres://commerce:${SECRETS.POSTGRES_PASSWORD}@postgres:5432/commerce`,
      INTERNAL_AUTH_SECRET: SECRETS.INTERNAL_AUTH_SECRET,
    });
    // Gateways only read; the seed also registers the operations, which takes the admin token.
    expect(services['gateway']?.environment?.['REGISTRY_TOKEN']).toBe(SECRETS.REGISTRY_READ_TOKEN);
    expect(services['registry-seed']?.environment?.['REGISTRY_TOKEN']).toBe(SECRETS.REGISTRY_ADMIN_TOKEN);
    // Reachable from this machine only, for a schema owner's `npm run schema`; never from the network.
    // (docker-compose 1.29 prints a port with a host address in the short syntax, later versions in the long one)
    const ports = services['registry']?.ports ?? [];
    expect(ports).toHaveLength(1);
    expect(JSON.stringify(ports[0])).toMatch(/127\.0\.0\.1.*4010/);
  });

  it("has the edge name each client in X-Forwarded-For, and the gateway trust the compose network's", () => {
    const nginx = readFileSync(path.join(root, 'deploy', 'compose', 'nginx.conf'), 'utf8');
    // Replaced, not appended to: a client's own X-Forwarded-For never reaches the gateway.
    expect(nginx).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    const trusted = services['gateway']?.environment?.['TRUSTED_PROXIES'];
    expect(loadClientAddressConfig({ TRUSTED_PROXIES: trusted }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
  });

  it('serves metrics on a port of their own, labelled for scraping, that the edge does not expose', () => {
    const gateway = services['gateway']!;
    expect(gateway.environment?.['METRICS_PORT']).toBe('9464');
    expect(gateway.expose).toContain('9464');
    expect(gateway.labels).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464' });
    expect(services['edge']?.ports).toEqual([expect.objectContaining({ target: 8080 })]);
    const edge = readFileSync(path.join(root, 'deploy', 'compose', 'nginx.conf'), 'utf8');
    // Every upstream is the GraphQL port; /metrics is refused at the door whatever the gateway serves there.
    expect([...edge.matchAll(/http:\/\/gateway:(\d+)/g)].map((match) => match[1])).toEqual(['4000']);
    expect(edge).not.toContain('9464');
    expect(edge).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
  });

  it('refuses to resolve without the secrets, naming the one missing', async () => {
    const { POSTGRES_PASSWORD: _omitted, ...rest } = SECRETS;
    await expect(config(rest)).rejects.toMatchObject({
      stderr: expect.stringContaining('set POSTGRES_PASSWORD'),
    });
    const { REGISTRY_READ_TOKEN: _token, ...noReadToken } = SECRETS;
    await expect(config(noReadToken)).rejects.toMatchObject({
      stderr: expect.stringContaining('set REGISTRY_READ_TOKEN'),
    });
  }, 60_000);

  it('bounds the memory and CPU of every container', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.mem_limit]).toEqual([name, expect.anything()]);
      expect([name, Number(service.cpus)]).toEqual([name, expect.any(Number)]);
      expect(Number(service.cpus)).toBeGreaterThan(0);
    }
  });

  it('runs every program of the image read-only and unprivileged, within the connection budget', () => {
    let connections = 0;
    for (const name of ['gateway', 'registry', 'registry-seed', ...SUBGRAPHS]) {
      const service = services[name]!;
      expect([name, service.read_only, service.tmpfs, service.cap_drop]).toEqual([
        name,
        true,
        ['/tmp'],
        ['ALL'],
      ]);
      expect(service.security_opt).toContain('no-new-privileges:true');
    }
    for (const name of [...SUBGRAPHS, 'registry']) {
      const poolSize = Number(services[name]?.environment?.['DATABASE_POOL_SIZE']);
      expect([name, poolSize]).toEqual([name, expect.any(Number)]);
      connections += poolSize;
    }
    // One replica each against PostgreSQL's default max_connections of 100, with room to scale one subgraph.
    expect(connections).toBeLessThanOrEqual(60);
  });
});
