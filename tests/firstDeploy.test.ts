import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  startLoggedCommand,
  type LoggedProcess,
} from '../gateway/cluster/__tests__/support/loggedProcess.js';
import { MARKETS } from '../contracts/requestContext.js';
import { PostgresDatabase } from '../subgraphs/shared/database/PostgresDatabase.js';
import { variantCount } from '../subgraphs/shared/seedPlan.js';
import { TEST_SEED_PLAN } from '../subgraphs/shared/testing/subgraphHarness.js';
import { freePort } from './support/freePort.js';
import { ownDatabase } from './support/ownDatabase.js';

const run = promisify(execFile);
const REPLICAS = 3;
const serverUrl = process.env['DATABASE_URL'];
if (!serverUrl && process.env['CI'] === 'true') throw new Error('DATABASE_URL must be set under CI');
// Replicas share a database only on a server: an embedded database is opened by one process at a time.
const describeOnServer = serverUrl ? describe : describe.skip;

/** Polls `check` every 100 ms until it holds; fails after `timeoutMs` naming `what`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeOnServer('a first deploy of several replicas on an empty database', () => {
  const started: LoggedProcess[] = [];
  afterEach(async () => {
    for (const replica of started.splice(0)) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill('SIGTERM');
      await replica.exited;
    }
  });

  it('serves from every replica and seeds exactly once when they all start at the same moment', async () => {
    const database = await ownDatabase('pricing');
    const url = database.env['PRICING_DATABASE_URL']!;
    const db = await PostgresDatabase.connect(url, { maxConnections: 2 });
    try {
      // The replicas' first step waits behind a schema this test is creating; rolling it back releases them
      // together, so they race exactly where a first deploy does.
      const released = db.transaction(async (tx) => {
        await tx.exec('CREATE SCHEMA pricing');
        for (let i = 0; i < REPLICAS; i += 1) {
          started.push(
            startLoggedCommand(process.execPath, ['--import', 'tsx', 'subgraphs/main.ts', 'pricing'], {
              ...database.env,
              PRICING_PORT: '0',
              SEED_PRODUCTS: String(TEST_SEED_PLAN.products),
              SEED_CUSTOMERS: String(TEST_SEED_PLAN.customers),
              LOG_LEVEL: 'info',
            }),
          );
        }
        const exitedEarly = () => started.filter((replica) => replica.child.exitCode !== null);
        await until(`${REPLICAS} replicas waiting on a lock`, async () => {
          if (exitedEarly().length > 0) throw new Error(`a replica exited: ${exitedEarly()[0]!.stderr()}`);
          const [waiting] = await db.query<{ count: number }>(
            `SELECT count(*)::int AS count FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return waiting!.count >= REPLICAS;
        });
        throw new Error('release');
      });
      await expect(released).rejects.toThrow('release');

      const outcomes = await Promise.all(
        started.map((replica) =>
          Promise.race([
            replica.waitFor((line) => line.msg === 'subgraph ready', 1, 120_000).then(() => 'ready'),
            replica.exited.then((code) => `exited ${code}: ${replica.stderr()}`),
          ]),
        ),
      );
      expect(outcomes).toEqual(Array(REPLICAS).fill('ready'));

      const variants = Array.from({ length: TEST_SEED_PLAN.products }, (_, i) => variantCount(i + 1));
      const [counts] = await db.query<{ runs: number; prices: number }>(
        `SELECT (SELECT count(*)::int FROM pricing.seed_runs) AS runs,
                (SELECT count(*)::int FROM pricing.price) AS prices`,
      );
      expect(counts).toEqual({
        runs: 1,
        prices: variants.reduce((sum, n) => sum + n, 0) * MARKETS.length,
      });
    } finally {
      await db.close();
      await database.dispose();
    }
  }, 240_000);
});

/** Runs `node subgraphs/main.ts pricing` with `env` to its end; its exit code and output. */
async function startPricing(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'subgraphs/main.ts', 'pricing'], {
    env: { PATH: process.env['PATH'], LOG_LEVEL: 'info', ...env },
  }).then(
    (done) => ({ code: 0, ...done }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('a subgraph that cannot start', () => {
  it('logs a bad setting as one JSON line naming the variable, and exits 1', async () => {
    const failed = await startPricing({ DATABASE_POOL_SIZE: 'lots' });
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 60,
      msg: 'subgraph could not start',
      err: { message: 'DATABASE_POOL_SIZE is "lots"; use a whole number from 1 to 1000' },
    });
  }, 60_000);

  it('logs one JSON line with the cause, without the database password, and exits 1', async () => {
    const password = 'not-in-any-log-7f3a9c';
    const port = await freePort();
    const failed = await startPricing({
      PRICING_DATABASE_URL: `postgres://commerce:${password}@127.0.0.1:${port}/commerce`,
    });
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 60,
      name: 'pricing',
      msg: 'subgraph could not start',
      err: { code: 'ECONNREFUSED', message: expect.stringContaining(`127.0.0.1:${port}`) },
    });
    expect(failed.stdout + failed.stderr).not.toContain(password);
  }, 60_000);
});
