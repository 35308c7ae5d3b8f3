import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A three-master Redis Cluster on 127.0.0.1, made for one test file. */
export interface ThrowawayCluster {
  /** Seed nodes as `host:port`, the form `REDIS_CLUSTER_NODES` uses. */
  nodes: string[];
  /** Shuts every node down and removes its files. */
  stop(): Promise<void>;
}

/** Whether `redis-server` and `redis-cli` are on PATH; cluster tests skip without them. */
export function clusterBinariesAvailable(): boolean {
  return ['redis-server', 'redis-cli'].every(
    (binary) => spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0,
  );
}

/** Starts three masters on free ports, joins them into a cluster and waits until every slot is served. */
export async function startCluster(): Promise<ThrowawayCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cf-cluster-'));
  const servers: { port: number; process: ChildProcess }[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => shutdown(server.port, server.process)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i += 1) {
      const port = await freeClusterPort(servers.map((server) => server.port));
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'];
      args.push(
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      );
      servers.push({ port, process: spawn('redis-server', args, { stdio: 'ignore' }) });
    }
    await Promise.all(
      servers.map((server) => until(() => cli(server.port, 'ping').then((out) => out === 'PONG'))),
    );
    const nodes = servers.map((server) => `127.0.0.1:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(
      servers.map((server) =>
        until(() => cli(server.port, 'cluster', 'info').then((out) => out.includes('cluster_state:ok'))),
      ),
    );
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function cli(port: number, ...command: string[]): Promise<string> {
  try {
    const { stdout } = await run('redis-cli', ['-p', String(port), ...command]);
    return stdout.trim();
  } catch {
    return '';
  }
}

async function shutdown(port: number, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await cli(port, 'shutdown', 'nosave');
  // The server we spawned is ours to end by its own pid if it ignored the shutdown.
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` every 50 ms for up to 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Redis cluster did not come up within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A free port whose cluster bus port (port + 10000) is free too, hence drawn below 55536. */
async function freeClusterPort(taken: number[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.includes(port)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + 10_000))) return port;
  }
  throw new Error('no free port pair for a Redis cluster node');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
