import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { DEVELOPMENT_ADMIN_TOKEN, DEVELOPMENT_READ_TOKEN } from '../contracts/registryTokens.js';
import type { VersionEntry } from '../registry/RegistryApi.js';
import { TEST_SEED_PLAN } from '../subgraphs/shared/testing/subgraphHarness.js';
import { freePort } from './support/freePort.js';
import { ownDatabase, type OwnDatabase } from './support/ownDatabase.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

const execFileAsync = promisify(execFile);
const LOYALTY_SCHEMAS = 'tests/support/fixtures/loyalty';
/** How often the gateway asks the registry for a new supergraph. */
const POLL_MS = 250;

/** What one `npm run schema -- …` printed, and its exit code. */
interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Polls `check` every 100 ms until it holds; fails after `timeoutMs` naming `what`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const LOYALTY_POINTS = '{ product(id: "2") { id loyaltyPoints } }';
const LOYALTY_TIER = '{ product(id: "2") { id loyaltyTier } }';

/** A partner's registered operation that reads `Product.loyaltyPoints`. */
const LOYALTY_BADGE = {
  source: 'partner-x/LoyaltyBadge.graphql',
  name: 'LoyaltyBadge',
  body: 'query LoyaltyBadge($id: ID!) { product(id: $id) { id name loyaltyPoints } }',
  variables: { id: '2' },
};

/**
 * The registry, the five subgraphs, a sixth team's subgraph (`loyalty`, which adds fields to `Product`) and a
 * gateway with two workers, each a process of its own as in production; teams publish with the CLI, as their CI
 * would. The tests run in order, each on the state the previous one left.
 */
describe('publishing through the schema registry', () => {
  const processes: LoggedProcess[] = [];
  const databases: OwnDatabase[] = [];
  const subgraphUrls: Record<string, string> = {};
  let registryDir: string;
  let registryEnv: NodeJS.ProcessEnv;
  let registryUrl: string;
  let registry: LoggedProcess;
  let gateway: LoggedProcess;
  let gatewayUrl: string;
  let metricsUrl: string;
  /** Each running version of the loyalty subgraph, by its schema file's name. */
  const loyalty: Record<string, { process: LoggedProcess; url: string }> = {};

  function start(script: string, args: string[], env: NodeJS.ProcessEnv): LoggedProcess {
    const started = startLoggedCommand(process.execPath, ['--import', 'tsx', script, ...args], {
      PATH: process.env['PATH'],
      LOG_LEVEL: 'info',
      ...env,
    });
    processes.push(started);
    return started;
  }

  async function stop(started: LoggedProcess): Promise<void> {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
    await started.exited;
  }

  /** `npm run schema -- <args>`, as a team's CI runs it. */
  async function schema(args: string[], token = DEVELOPMENT_ADMIN_TOKEN): Promise<CommandResult> {
    const env = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      REGISTRY_URL: registryUrl,
      REGISTRY_TOKEN: token,
      ...Object.fromEntries(
        Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
      ),
    };
    return execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/schema.ts', ...args], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: CommandResult) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  async function history(): Promise<VersionEntry[]> {
    const listed = await schema(['history', '--json'], DEVELOPMENT_READ_TOKEN);
    expect(listed).toMatchObject({ code: 0 });
    return JSON.parse(listed.stdout) as VersionEntry[];
  }

  async function startRegistry(): Promise<void> {
    registry = start('registry/main.ts', [], registryEnv);
    await registry.waitFor((line) => line.msg === 'registry ready', 1, 60_000);
  }

  /** Deploys a version of the loyalty subgraph, on a port of its own; returns its routing URL. */
  async function deployLoyalty(version: string): Promise<string> {
    const started = start(
      'tests/support/fixtures/loyaltySubgraph.ts',
      [`${LOYALTY_SCHEMAS}/${version}.graphql`],
      {},
    );
    const [ready] = await started.waitFor((line) => line.msg === 'subgraph ready');
    loyalty[version] = { process: started, url: String(ready!['url']) };
    return loyalty[version].url;
  }

  function publishLoyalty(version: string, url: string, ...more: string[]): Promise<CommandResult> {
    return schema([
      'publish',
      'loyalty',
      '--author',
      'loyalty-ci',
      '--url',
      url,
      '--sdl',
      `${LOYALTY_SCHEMAS}/${version}.graphql`,
      ...more,
    ]);
  }

  async function query(
    text: string,
  ): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: unknown[] },
    };
  }

  /**
   * Waits until every worker of the gateway serves the registry's newest version: `gateway_schema_info` is merged
   * across workers, so it lists one version only once none is left on another.
   */
  async function untilServedEverywhere(): Promise<string> {
    const [latest] = await history();
    await until(`every gateway worker serves ${latest!.schemaVersion}`, async () => {
      const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
      const versions = [...metrics.matchAll(/^gateway_schema_info\{version="(\w+)"\} 1$/gm)].map((m) => m[1]);
      return versions.length === 1 && versions[0] === latest!.schemaVersion;
    });
    return latest!.schemaVersion;
  }

  /** Whether the gateway answers `text` without errors. */
  async function serves(text: string): Promise<boolean> {
    const { status, body } = await query(text);
    return status === 200 && body.errors === undefined;
  }

  beforeAll(async () => {
    registryDir = await mkdtemp(path.join(tmpdir(), 'registry-e2e-'));
    const registryDatabase = await ownDatabase('registry');
    databases.push(registryDatabase);
    const registryPort = await freePort();
    registryEnv = {
      REGISTRY_PORT: String(registryPort),
      REGISTRY_DATA_DIR: registryDir,
      ...registryDatabase.env,
    };
    registryUrl = `http://127.0.0.1:${registryPort}`;
    const subgraphs = supergraphSubgraphs().map(async ({ name }) => {
      const database = await ownDatabase(name);
      databases.push(database);
      const port = await freePort();
      const started = start('subgraphs/main.ts', [name], {
        ...database.env,
        [`${name.toUpperCase()}_PORT`]: String(port),
        SEED_PRODUCTS: String(TEST_SEED_PLAN.products),
        SEED_CUSTOMERS: String(TEST_SEED_PLAN.customers),
      });
      await started.waitFor((line) => line.msg === 'subgraph ready', 1, 180_000);
      subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
    });
    await Promise.all([...subgraphs, startRegistry()]);

    // The graph's owners seed the registry from the repository; the loyalty team publishes its first version.
    expect(await schema(['publish', '--all'])).toMatchObject({ code: 0 });
    expect(await publishLoyalty('v1', await deployLoyalty('v1'))).toMatchObject({ code: 0 });

    const gatewayPort = await freePort();
    const metricsPort = await freePort();
    gateway = start('gateway/main.ts', [], {
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_WORKERS: '2',
      METRICS_PORT: String(metricsPort),
      REGISTRY_URL: registryUrl,
      REGISTRY_TOKEN: DEVELOPMENT_READ_TOKEN,
      SUPERGRAPH_POLL_INTERVAL_MS: String(POLL_MS),
      CACHE_ENABLED: 'false',
    });
    await gateway.waitFor((line) => line.msg === 'gateway ready', 2, 120_000);
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map(stop));
    await Promise.all(databases.map((database) => database.dispose()));
    await rm(registryDir, { recursive: true, force: true });
  });

  it("serves the seeded graph and the loyalty team's first version", async () => {
    expect(await query(LOYALTY_POINTS)).toEqual({
      status: 200,
      body: { data: { product: { id: '2', loyaltyPoints: 20 } } },
    });
  });

  it('refuses an addition before the subgraph that serves it is deployed, naming the field it lacks', async () => {
    const refused = await publishLoyalty('v2', loyalty['v1']!.url);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('Product.loyaltyTier');
    expect(await serves(LOYALTY_TIER)).toBe(false);
  });

  it('serves the addition once deployed and published, with no failed request during the swap', async () => {
    const v2 = await deployLoyalty('v2');
    // Storefront traffic through the deploy: four callers, each one request after another.
    let running = true;
    const outcomes: string[] = [];
    const load = Array.from({ length: 4 }, async () => {
      while (running) {
        const { status, body } = await query(LOYALTY_POINTS);
        outcomes.push(
          status === 200 && body.errors === undefined ? 'ok' : `${status} ${JSON.stringify(body)}`,
        );
      }
    });
    const published = await publishLoyalty('v2', v2);
    expect(published).toMatchObject({ code: 0 });
    await untilServedEverywhere();
    // The previous version goes once the gateways route to the new one.
    await stop(loyalty['v1']!.process);
    await new Promise((resolve) => setTimeout(resolve, 4 * POLL_MS));
    running = false;
    await Promise.all(load);

    expect(outcomes.length).toBeGreaterThan(20);
    expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
    expect(await query(LOYALTY_TIER)).toEqual({
      status: 200,
      body: { data: { product: { id: '2', loyaltyTier: 'gold' } } },
    });
  });

  it('refuses a breaking change naming the operation and its client; publishes it approved, and records why', async () => {
    const registered = await fetch(`${registryUrl}/operations`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEVELOPMENT_ADMIN_TOKEN}` },
      body: JSON.stringify({ client: 'partner-x', operations: [LOYALTY_BADGE] }),
    });
    expect(registered.status).toBe(200);

    const refused = await publishLoyalty('v3', loyalty['v2']!.url);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/LoyaltyBadge.*partner-x|partner-x.*LoyaltyBadge/);
    expect(refused.stdout).toContain('Product.loyaltyPoints');
    expect(await serves(LOYALTY_POINTS)).toBe(true);

    const reason = 'partner-x reads loyaltyTier from its next release';
    expect(await publishLoyalty('v3', loyalty['v2']!.url, '--approve', reason)).toMatchObject({ code: 0 });
    const [latest] = await history();
    expect(latest).toMatchObject({
      action: 'publish',
      author: 'loyalty-ci',
      subgraphs: ['loyalty'],
      approval: { reason },
    });
    await untilServedEverywhere();
    expect(await query(LOYALTY_POINTS)).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
  });

  it('rolls back to the previous version, which the gateway serves again', async () => {
    const [removal, addition] = await history();
    const rolledBack = await schema(['rollback', String(addition!.version)]);
    expect(rolledBack).toMatchObject({ code: 0 });
    const [latest] = await history();
    expect(latest).toMatchObject({
      version: removal!.version + 1,
      action: 'rollback',
      rolledBackTo: addition!.version,
      schemaVersion: addition!.schemaVersion,
    });
    expect(await untilServedEverywhere()).toBe(addition!.schemaVersion);
    expect(await query(LOYALTY_POINTS)).toEqual({
      status: 200,
      body: { data: { product: { id: '2', loyaltyPoints: 20 } } },
    });
  });

  it('keeps serving while the registry is down, and says so in readiness and metrics', async () => {
    await stop(registry);
    const sourceUp = async () => {
      const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
      return /^gateway_supergraph_source_up (\d)/m.exec(metrics)?.[1];
    };
    // The metrics are every worker's, merged (the lowest wins); the readiness detail is one worker's, which may
    // not have polled yet: wait for each.
    const readiness = async () => {
      const ready = await fetch(`${metricsUrl}/health/ready`);
      return { status: ready.status, body: (await ready.json()) as Record<string, unknown> };
    };
    await until('the gateway sees the registry down', async () => (await sourceUp()) === '0');
    await until(
      'readiness says the registry is unreachable',
      async () =>
        ((await readiness()).body['supergraphSource'] as { status?: string })?.status === 'unreachable',
    );
    expect(await readiness()).toMatchObject({
      status: 200,
      body: { status: 'degraded', supergraphSource: { status: 'unreachable' } },
    });
    expect(await serves(LOYALTY_POINTS)).toBe(true);

    await startRegistry();
    await until('the gateway sees the registry again', async () => (await sourceUp()) === '1');
    expect(await serves(LOYALTY_POINTS)).toBe(true);
  });
});
