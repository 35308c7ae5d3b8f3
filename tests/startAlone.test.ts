import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { subgraphs } from '../subgraphs/index.js';
import { TEST_SEED_PLAN } from '../subgraphs/shared/testing/subgraphHarness.js';
import { ownDatabase } from './support/ownDatabase.js';
import { operation, startStack, type Stack } from './support/stack.js';

/** `npm run <script> -- <args>` with exactly `env` (plus what npm itself needs), in a process group of its own. */
function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv): LoggedProcess {
  const base = { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info' };
  return startLoggedCommand(
    'npm',
    ['run', '--silent', script, '--', ...args],
    { ...base, ...env },
    { detached: true },
  );
}

/** Stops `started` and everything it started (npm, tsx, node), and waits for it to exit. */
async function stop(started: LoggedProcess | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  process.kill(-started.child.pid!, 'SIGTERM');
  await started.exited;
}

async function postTo(url: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const PRICES = `{
  _entities(representations: [{ __typename: "Product", id: "1" }, { __typename: "Product", id: "2" }]) {
    ... on Product { id price { amount currency } priceRange { min { amount } max { amount } } }
  }
}`;

describe('starting one program alone', () => {
  let stack: Stack;
  let started: LoggedProcess | undefined;

  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);
  afterEach(async () => {
    await stop(started);
    started = undefined;
  });
  afterAll(() => stack?.stop());

  it('npm run start:subgraph -- pricing serves pricing alone, on its own port and database', async () => {
    const database = await ownDatabase('pricing');
    try {
      started = npmRun('start:subgraph', ['pricing'], {
        ...database.env,
        PRICING_PORT: '0',
        SEED_PRODUCTS: String(TEST_SEED_PLAN.products),
      });
      const [ready] = await started.waitFor((line) => line.msg === 'subgraph ready', 1, 120_000);
      const url = String(ready!['url']);
      expect(url).not.toBe(stack.subgraphUrls['pricing']);

      // Seeded from the same plan, so it prices products as the stack's pricing does.
      const alone = await postTo(url, PRICES);
      expect(alone).toEqual(await postTo(stack.subgraphUrls['pricing']!, PRICES));
      expect(alone).toMatchObject({
        data: { _entities: [{ id: '1', price: { currency: 'USD' } }, { id: '2' }] },
      });
      const { data } = (await postTo(url, '{ _service { sdl } }')) as { data: { _service: { sdl: string } } };
      expect(data._service.sdl).toContain('setPrice');
      expect(data._service.sdl).not.toContain('adjustStock');
    } finally {
      await stop(started);
      await database.dispose();
    }
  }, 180_000);

  it('npm run start:subgraph with an unknown name lists the valid names and exits 1', async () => {
    started = npmRun('start:subgraph', ['prices'], {});
    expect(await started.exited).toBe(1);
    const names = subgraphs.map((subgraph) => subgraph.name).join(', ');
    expect(started.stderr()).toContain(`There is no subgraph "prices"; use one of ${names}`);
  }, 60_000);

  it('npm run start:gateway serves the pages from subgraphs that are already running', async () => {
    const env: NodeJS.ProcessEnv = { GATEWAY_WORKERS: '1', GATEWAY_PORT: '0', SUBGRAPH_TIMEOUT_MS: '5000' };
    for (const [name, url] of Object.entries(stack.subgraphUrls))
      env[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
    started = npmRun('start:gateway', [], env);
    const [ready] = await started.waitFor((line) => line.msg === 'gateway ready', 1, 120_000);

    const query = await operation('CategoryPage');
    const answer = (await postTo(String(ready!['url']), query, { slug: 'outdoor-camping' })) as {
      data?: { category: { name: string; products: { edges: unknown[] } } };
      errors?: unknown;
    };
    expect(answer.errors).toBeUndefined();
    expect(answer).toEqual((await stack.post(query, { slug: 'outdoor-camping' })).body);
    const [category] = await stack.db.query<{ name: string }>(
      "SELECT name FROM catalog.category WHERE slug = 'outdoor-camping'",
    );
    expect(answer.data?.category.name).toBe(category!.name);
    expect(answer.data?.category.products.edges.length).toBeGreaterThan(0);
  }, 180_000);
});
