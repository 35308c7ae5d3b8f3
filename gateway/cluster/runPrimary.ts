import cluster, { type Worker } from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { startMetricsServer, type MetricsServer } from '../../contracts/metricsServer.js';
import { primaryMetrics } from './clusterMetrics.js';
import { invalidationRelay } from './invalidationRelay.js';

export interface PrimaryOptions {
  /** Workers to fork; each runs this same program as a cluster worker. */
  workers: number;
  logger: Logger;
  /** Longest wait for the workers to stop after SIGTERM or SIGINT, in ms; then they are killed. Default 10,000. */
  shutdownTimeoutMs?: number;
  /** Longest wait for every worker to apply a purge another published, in ms (`CACHE_PURGE_ACK_TIMEOUT_MS`). */
  invalidationTimeoutMs: number;
  /** Delay before restarting a worker that died, doubled for each restart in the last minute. Default 100. */
  restartDelayMs?: number;
  /** Restarts allowed within a minute; one more and the primary stops everything and exits 1. Default 10. */
  maxRestartsPerMinute?: number;
  /**
   * Where the primary serves the whole cluster's `/metrics` and a worker's detailed `/health/ready`
   * (`METRICS_PORT` on the gateway's host). Default none: no metrics server; workers answer `/metrics` on the
   * GraphQL port with the same aggregate, asked of the primary.
   */
  metrics?: { port: number; host: string };
}

/** Longest delay between a worker's death and its replacement. */
const MAX_RESTART_DELAY_MS = 5_000;
const MINUTE_MS = 60_000;

/**
 * The cluster primary: forks the workers (which share the listening port), relays purges between them, replaces a
 * worker that dies unexpectedly (with backoff; a crash loop stops the whole cluster, so that whatever supervises it
 * sees the failure), sums the workers' metrics for one scrape, and on SIGTERM or SIGINT passes the signal on, waits
 * for the workers and exits.
 */
export function runPrimary(options: PrimaryOptions): void {
  const { logger, shutdownTimeoutMs = 10_000, restartDelayMs = 100, maxRestartsPerMinute = 10 } = options;
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
  const relay = invalidationRelay({ workers: alive, logger, timeoutMs: options.invalidationTimeoutMs });
  const restarts: number[] = [];
  const clusterMetrics = primaryMetrics();
  let metricsServer: Promise<MetricsServer> | undefined;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    logger.info({ worker: worker.id, workerPid: worker.process.pid }, 'worker started');
  };

  const stop = async (signal: NodeJS.Signals, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = alive();
    logger.info({ signal, workers: workers.length }, 'stopping workers');
    const exited = Promise.all(
      workers.map(
        (worker) => new Promise((resolve) => (worker.isDead() ? resolve(0) : worker.once('exit', resolve))),
      ),
    );
    for (const worker of workers) worker.process.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(resolve, shutdownTimeoutMs, false))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      const late = alive().filter((worker) => !worker.isDead());
      logger.warn(
        { workers: late.map((worker) => worker.id), shutdownTimeoutMs },
        'workers did not stop in time; killing them',
      );
      for (const worker of late) worker.process.kill('SIGKILL');
      await exited;
    }
    await metricsServer?.then(
      (server) => server.close(),
      () => undefined,
    );
    process.exit(inTime ? exitCode : 1);
  };

  cluster.on('message', (worker, message) => relay.receive(worker, message));
  cluster.on('exit', (worker, code, signal) => {
    relay.remove(worker.id);
    if (stopping) return;
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! <= now - MINUTE_MS) restarts.shift();
    if (restarts.length >= maxRestartsPerMinute) {
      logger.fatal(
        { worker: worker.id, code, signal, restarts: restarts.length },
        'workers keep dying; stopping',
      );
      void stop('SIGTERM', 1);
      return;
    }
    const delayMs = Math.min(restartDelayMs * 2 ** restarts.length, MAX_RESTART_DELAY_MS);
    restarts.push(now);
    logger.error(
      { worker: worker.id, workerPid: worker.process.pid, code, signal, delayMs },
      'worker died; restarting it',
    );
    setTimeout(() => stopping || fork(), delayMs);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal, 0));

  for (let index = 0; index < options.workers; index++) fork();
  if (options.metrics) {
    const readiness = async (_req: IncomingMessage, res: ServerResponse) => {
      const { status, body } = await clusterMetrics.readiness();
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    metricsServer = startMetricsServer(clusterMetrics.metrics, {
      ...options.metrics,
      logger,
      routes: { '/health/ready': readiness },
    });
    metricsServer.then(
      ({ url }) => logger.info({ url }, 'metrics server ready'),
      (error: unknown) => {
        logger.fatal({ err: error }, 'metrics server could not start; stopping');
        void stop('SIGTERM', 1);
      },
    );
  }
}
