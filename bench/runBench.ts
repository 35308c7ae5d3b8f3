/**
 * The benchmark, top to bottom: database → five subgraph processes → page rotations → the pages suite (every
 * column, real subgraphs) → the gateway-only suite (canned subgraphs) → report. Everything it starts is stopped at
 * the end, on failure and on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { PostgresDatabase } from '../subgraphs/shared/database/PostgresDatabase.js';
import { ProcessGroup } from './launch/ProcessGroup.js';
import { startDatabase } from './launch/startDatabase.js';
import { startSubgraphProcesses } from './launch/startSubgraphProcesses.js';
import { loadPages } from './load/pages.js';
import { loadBenchOptions } from './options.js';
import type { BenchReport } from './report/BenchReport.js';
import { describeMachine } from './report/machine.js';
import { targetRatios } from './report/ratios.js';
import { renderReportText } from './report/renderReport.js';
import { summarizeSuite, type SuiteSummary } from './report/summarize.js';
import { writeReport } from './report/writeReport.js';
import { gatewayOnlySuite } from './suites/gatewayOnlySuite.js';
import { pagesSuite } from './suites/pagesSuite.js';
import type { SuiteContext } from './suites/SuiteContext.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const options = loadBenchOptions(process.argv.slice(2), process.env);
const started = Date.now();
const progress = (message: string) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const group = new ProcessGroup(
  root,
  path.join(benchDir, 'results', 'logs'),
  options.cpuProfile.length > 0
    ? { dir: path.join(benchDir, 'results', 'profiles', new Date().toISOString()), names: options.cpuProfile }
    : undefined,
);
const secrets = {
  authSecret: randomBytes(24).toString('hex'),
  internalAuthSecret: randomBytes(24).toString('hex'),
};
const redisKeyPrefix = `bench:${randomBytes(4).toString('hex')}:`;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping everything`);
    void group.stopAll().then(() => process.exit(130));
  });
}

try {
  progress(options.databaseUrl ? 'database: PostgreSQL server' : 'database: embedded PGlite');
  const database = await startDatabase(group, benchDir, options.databaseUrl);
  progress('starting the five subgraphs (a first start seeds the database)');
  const subgraphs = await startSubgraphProcesses(group, database.url, secrets.internalAuthSecret);
  const db = await PostgresDatabase.connect(database.url, { maxConnections: 1 });
  const pages = await loadPages(root, db, {
    size: options.rotationSize,
    seed: options.seed,
    issuer: { secret: secrets.authSecret, issuer: 'commerce-gateway', audience: 'commerce-storefront' },
  }).finally(() => db.close());

  const context: SuiteContext = {
    group,
    options,
    secrets,
    subgraphs,
    ...(database.meter ? { database: database.meter } : {}),
    pages,
    redisKeyPrefix,
    progress,
  };
  // Every gateway of both suites starts at once (startup is mostly waiting); the suites then run one after the other.
  const [runPages, runGatewayOnly] = await Promise.all([pagesSuite(context), gatewayOnlySuite(context)]);
  const suites: SuiteSummary[] = [summarizeSuite(await runPages())];
  suites.push(summarizeSuite(await runGatewayOnly()));

  const report: BenchReport = {
    machine: describeMachine(root, database.kind, Boolean(options.redisUrl)),
    settings: {
      quick: options.quick,
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      rotationSize: options.rotationSize,
      gatewayOnlyRotationSize: options.gatewayOnlyRotationSize,
    },
    suites,
    ratios: targetRatios(suites[0]!, suites[1]),
    failures: failedCells(suites),
  };
  const written = await writeReport(report, path.join(benchDir, 'results'), path.join(root, 'README.md'));
  console.log(options.json ? JSON.stringify(report, null, 2) : renderReportText(report));
  progress(`report written to ${path.relative(root, written)}`);
  if (report.failures.length > 0) process.exitCode = 1;
} catch (error) {
  progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await group.stopAll();
  if (options.redisUrl) await removeKeys(options.redisUrl, redisKeyPrefix);
}

/** A column that answered nothing right on some page cannot run at all. */
function failedCells(suites: readonly SuiteSummary[]): string[] {
  return suites.flatMap((suite) =>
    suite.pages.flatMap((page) =>
      suite.columns.flatMap(({ id, label }) => {
        const cell = suite.cells[page]?.[id];
        if (cell && cell.errors < cell.requests) return [];
        const sample = cell?.firstError ? `: ${cell.firstError}` : '';
        return [`${suite.name}: ${label} on ${page} answered nothing right${sample}`];
      }),
    ),
  );
}

async function removeKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    progress(`could not remove the Redis keys under ${prefix}: ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}
