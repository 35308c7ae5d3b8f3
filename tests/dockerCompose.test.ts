import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadClientAddressConfig } from '../gateway/http/clientAddress.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];
const SECRETS = {
  AUTH_SECRET: 'a'.repeat(32),
  INTERNAL_AUTH_SECRET: 'b'.repeat(32),
  POSTGRES_PASSWORD: 'compose-test-password',
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

  it('runs PostgreSQL, Redis, the five subgraphs and the gateway, each in its own container', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'gateway', ...SUBGRAPHS]),
    );
    for (const name of SUBGRAPHS) {
      expect(services[name]?.command).toEqual(['node', 'dist/subgraphs/main.js', name]);
    }
    expect(services['gateway']?.command).toEqual(['node', 'dist/gateway/main.js']);
  });

  it('checks the health of every service and starts each once what it needs is healthy', () => {
    expect(services['postgres']?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services['redis']?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const name of [...SUBGRAPHS, 'gateway']) {
      expect([name, services[name]?.healthcheck?.test.join(' ')]).toEqual([
        name,
        expect.stringContaining('/health/ready'),
      ]);
    }
    for (const name of SUBGRAPHS) {
      expect(services[name]?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    }
    const gatewayNeeds = Object.fromEntries(
      ['redis', ...SUBGRAPHS].map((name) => [name, { condition: 'service_healthy' }]),
    );
    expect(services['gateway']?.depends_on).toEqual(gatewayNeeds);
  });

  it('lets the gateway scale: no fixed host port, shared Redis, subgraphs by service name', () => {
    expect(services['gateway']?.ports).toBeUndefined();
    expect(services['gateway']?.environment).toMatchObject({
      REDIS_URL: 'redis://redis:6379',
      SUBGRAPH_PRICING_URL: 'http://pricing:4003/graphql',
    });
    expect(services['edge']?.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
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
  }, 60_000);

  it('bounds the memory and CPU of every container', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.mem_limit]).toEqual([name, expect.anything()]);
      expect([name, Number(service.cpus)]).toEqual([name, expect.any(Number)]);
      expect(Number(service.cpus)).toBeGreaterThan(0);
    }
  });

  it('runs the gateway and subgraphs read-only and unprivileged, within the connection budget', () => {
    let connections = 0;
    for (const name of ['gateway', ...SUBGRAPHS]) {
      const service = services[name]!;
      expect([name, service.read_only, service.tmpfs, service.cap_drop]).toEqual([
        name,
        true,
        ['/tmp'],
        ['ALL'],
      ]);
      expect(service.security_opt).toContain('no-new-privileges:true');
    }
    for (const name of SUBGRAPHS) connections += Number(services[name]?.environment?.['DATABASE_POOL_SIZE']);
    // One replica each against PostgreSQL's default max_connections of 100, with room to scale one subgraph.
    expect(connections).toBeLessThanOrEqual(60);
  });
});
