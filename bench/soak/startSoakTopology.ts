import { readFile } from 'node:fs/promises';
import { subgraphs } from '../../subgraphs/index.js';
import { thisGateway, type Secrets } from '../launch/columns.js';
import type { ProcessGroup, RunningProcess } from '../launch/ProcessGroup.js';

/** A program of the soak whose memory is sampled: its process group, led by `process.pid`. */
export interface SoakProgram {
  /** `gateway cache`, `gateway no-cache`, `subgraph catalog`, `redis`. */
  name: string;
  process: RunningProcess;
  /** Whether it is a gateway whose workers are sampled one by one (and may be asked for heap snapshots). */
  gateway: boolean;
}

export interface SoakTopologyOptions {
  databaseUrl: string;
  workers: number;
  secrets: Secrets;
  /** The image's `NODE_OPTIONS`, given to every Node process (see imageNodeOptions.ts). */
  nodeOptions: string;
  /** Where every Node process's memory probe writes (bench/soak/memoryProbe.js). */
  probeDir: string;
  probeIntervalMs: number;
  /** Where gateway workers write heap snapshots on SIGUSR2. */
  snapshotDir: string;
  gatewayNodeOptions: string;
}

const GATEWAY_READY = /"msg":"gateway ready"/g;
const READY_TIMEOUT_MS = 120_000;

/**
 * Production as the image runs it, every program a process of its own: a Redis of the soak's own on a free port
 * (never the shared one), the five compiled subgraphs (`dist/subgraphs/main.js <name>`), and two compiled gateways
 * (`dist/gateway/main.js`, `GATEWAY_WORKERS` workers each) in front of them, one caching in that Redis and one with
 * its caches off, so that both paths run for the whole soak. Every Node process loads the memory probe.
 */
export async function startSoakTopology(
  group: ProcessGroup,
  options: SoakTopologyOptions,
): Promise<SoakProgram[]> {
  const probe = `--import ${new URL('./memoryProbe.js', import.meta.url).pathname}`;
  const probeEnv = { SOAK_PROBE_DIR: options.probeDir, SOAK_PROBE_MS: String(options.probeIntervalMs) };
  const redis = await group.start({
    name: 'redis',
    script: 'redis-server',
    runner: 'exec',
    args: ([port]) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  });
  const subgraphProcesses = await Promise.all(
    subgraphs.map(({ name }) =>
      group.start({
        name: `subgraph ${name}`,
        script: 'dist/subgraphs/main.js',
        runner: 'node',
        args: () => [name],
        env: ([port]) => ({
          DATABASE_URL: options.databaseUrl,
          [`${name.toUpperCase()}_PORT`]: String(port),
          INTERNAL_AUTH_SECRET: options.secrets.internalAuthSecret,
          NODE_OPTIONS: `${options.nodeOptions} ${probe}`,
          ...probeEnv,
        }),
      }),
    ),
  );
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ name }, index) => [name, `http://127.0.0.1:${subgraphProcesses[index]!.ports[0]}/`]),
  );
  const gatewayNodeOptions = [
    options.nodeOptions,
    options.gatewayNodeOptions,
    probe,
    '--heapsnapshot-signal=SIGUSR2',
    `--diagnostic-dir=${options.snapshotDir}`,
  ]
    .filter(Boolean)
    .join(' ');
  const gateway = async (id: string, env: Record<string, string>) => {
    const base = thisGateway(id, id, false, options.secrets, env).process(subgraphUrls);
    const started = await group.start({
      ...base,
      name: `gateway ${id}`,
      script: 'dist/gateway/main.js',
      runner: 'node',
      ports: 2,
      env: (ports) => ({
        ...base.env?.(ports),
        GATEWAY_WORKERS: String(options.workers),
        METRICS_PORT: String(ports[1]),
        // The production default: the soak's modest rate leaves the subgraphs time to answer.
        SUBGRAPH_TIMEOUT_MS: '3000',
        NODE_OPTIONS: gatewayNodeOptions,
        ...probeEnv,
      }),
    });
    await allWorkersReady(started, options.workers);
    return started;
  };
  const [cached, uncached] = await Promise.all([
    gateway('cache', { REDIS_URL: `redis://127.0.0.1:${redis.ports[0]}`, REDIS_KEY_PREFIX: 'soak:' }),
    gateway('no-cache', { CACHE_ENABLED: 'false' }),
  ]);
  return [
    { name: 'gateway cache', process: cached, gateway: true },
    { name: 'gateway no-cache', process: uncached, gateway: true },
    ...subgraphProcesses.map((process) => ({ name: process.name, process, gateway: false })),
    { name: 'redis', process: redis, gateway: false },
  ];
}

/** The port answers once one worker listens; the soak starts its load once every worker has said it is ready. */
async function allWorkersReady(gateway: RunningProcess, workers: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const log = await readFile(gateway.logPath, 'utf8');
    if ((log.match(GATEWAY_READY)?.length ?? 0) >= workers) return;
    if (Date.now() > deadline) throw new Error(`${gateway.name}: not every worker was ready in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
