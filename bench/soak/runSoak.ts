/**
 * The soak, top to bottom: build → database → Redis, five compiled subgraphs and two compiled gateways (caches on,
 * caches off) → page rotations → steady load at a fixed rate on both gateways, memory sampled per process → an idle
 * stretch, still sampled → report. Everything it starts is stopped at the end, on failure and on Ctrl-C too.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresDatabase } from '../../subgraphs/shared/database/PostgresDatabase.js';
import { ProcessGroup } from '../launch/ProcessGroup.js';
import { startDatabase } from '../launch/startDatabase.js';
import { loadPages, type PageRequest } from '../load/pages.js';
import { rotation, runLoad, type LoadResult } from '../load/runLoad.js';
import { sampleMemory, workerPids, type MemorySample } from './sampleMemory.js';
import { loadSoakOptions } from './soakOptions.js';
import { imageNodeOptions } from './imageNodeOptions.js';
import { startSoakTopology } from './startSoakTopology.js';
import { writeSoakReport } from './writeSoakReport.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(benchDir, '..');
const options = loadSoakOptions(process.argv.slice(2), process.env);
const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
const workDir = path.join(benchDir, '.data', 'soak', stamp);
const probeDir = path.join(workDir, 'probe');
const snapshotDir = path.join(workDir, 'snapshots');
const started = Date.now();
const progress = (message: string) =>
  console.error(`[soak ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const group = new ProcessGroup(root, path.join(benchDir, 'results', 'logs', 'soak'));
const secrets = {
  authSecret: randomBytes(24).toString('hex'),
  internalAuthSecret: randomBytes(24).toString('hex'),
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping everything`);
    void group.stopAll().then(() => process.exit(130));
  });
}

try {
  if (!options.skipBuild) {
    progress('npm run build');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  await mkdir(probeDir, { recursive: true });
  await mkdir(snapshotDir, { recursive: true });
  const database = await startDatabase(group, benchDir, options.databaseUrl, 'commerce_soak');
  progress(`database: ${database.kind}; starting Redis, five subgraphs and two gateways`);
  const nodeOptions = await imageNodeOptions(root);
  const programs = await startSoakTopology(group, {
    databaseUrl: database.url,
    nodeOptions,
    workers: options.workers,
    secrets,
    probeDir,
    probeIntervalMs: Math.min(5_000, (options.sampleSeconds * 1000) / 2),
    snapshotDir,
    gatewayNodeOptions: options.gatewayNodeOptions,
  });
  const db = await PostgresDatabase.connect(database.url, { maxConnections: 1 });
  const pages = await loadPages(root, db, {
    size: options.rotationSize,
    seed: options.seed,
    issuer: { secret: secrets.authSecret, issuer: 'commerce-gateway', audience: 'commerce-storefront' },
  }).finally(() => db.close());
  const requests = interleaved(pages.map((page) => page.requests));

  const samples: MemorySample[] = [];
  const workerNumbers = new Map<number, Map<number, number>>();
  let loadStarted = Date.now();
  let phase: MemorySample['phase'] = 'before';
  const sample = () => {
    const now = sampleMemory(
      programs,
      probeDir,
      Math.round((Date.now() - loadStarted) / 1000),
      phase,
      workerNumbers,
    );
    samples.push(...now);
    const gateways = now.filter((s) => s.process.startsWith('gateway') && !s.process.endsWith('primary'));
    progress(
      `${phase} ${gateways.map((s) => `${s.process.replace('gateway ', '')} ${s.rssMb}/${s.heap?.usedMb ?? '?'}`).join(', ')} MB`,
    );
  };
  sample();
  const sampler = setInterval(sample, options.sampleSeconds * 1000);

  loadStarted = Date.now();
  phase = 'load';
  progress(
    `load: ${options.minutes} min at ${options.rate} requests/s on each gateway, ${options.connections} connections, ` +
      `rotating ${requests.length} page requests`,
  );
  const snapshots = options.snapshotMinutes.map((minutes) =>
    setTimeout(() => {
      for (const program of programs.filter((candidate) => candidate.gateway)) {
        for (const pid of workerPids(program)) process.kill(pid, 'SIGUSR2');
      }
      progress(`heap snapshots requested at ${minutes} min, into ${path.relative(root, snapshotDir)}`);
    }, minutes * 60_000),
  );
  const loads: Record<string, LoadResult> = Object.fromEntries(
    await Promise.all(
      programs
        .filter((program) => program.gateway)
        .map(async (program) => {
          const result = await runLoad({
            url: `http://127.0.0.1:${program.process.ports[0]}/graphql`,
            connections: options.connections,
            overallRate: options.rate,
            durationSeconds: options.minutes * 60,
            next: rotation(requests),
          });
          return [program.name, result] as const;
        }),
    ),
  );
  snapshots.forEach(clearTimeout);
  phase = 'idle';
  progress(`load done; sampling ${options.idleMinutes} min more without load`);
  await new Promise((resolve) => setTimeout(resolve, options.idleMinutes * 60_000));
  clearInterval(sampler);
  sample();

  const written = await writeSoakReport(path.join(benchDir, 'results'), stamp, {
    options,
    nodeOptions,
    database: database.kind,
    loads,
    samples,
  });
  progress(`report written to ${path.relative(root, written)}`);
} catch (error) {
  progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await group.stopAll();
}

/** Every page in turn, each with the next of its rotation: `[home, category 1, product 1, signed-in 1, home, …]`. */
function interleaved(rotations: readonly PageRequest[][]): PageRequest[] {
  const longest = Math.max(...rotations.map((requests) => requests.length));
  return Array.from({ length: longest }, (_, index) =>
    rotations.map((requests) => requests[index % requests.length]!),
  ).flat();
}
