/**
 * Runs the gateway alone, against subgraphs already running at the supergraph's (or overridden) URLs. With
 * `GATEWAY_WORKERS` above 1 (the default on a machine of several cores) this process is the cluster primary: it forks
 * that many workers, each running the whole gateway on the same port.
 */
import cluster from 'node:cluster';
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { startTracing } from '../contracts/startTracing.js';
import { passwordsOf, startupFailure } from '../contracts/startupFailure.js';
import { clusterInvalidationBus } from './cluster/clusterInvalidationBus.js';
import { workerMetrics } from './cluster/clusterMetrics.js';
import { runPrimary } from './cluster/runPrimary.js';
import { loadConfig, type GatewayConfig } from './config.js';

let config: GatewayConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  // A bad setting is a failed start like any other: one JSON line. No setting's error echoes a secret's value.
  pino({ name: 'gateway' }).fatal({ err: startupFailure(error, []) }, 'gateway could not start');
  process.exit(1);
}
const logger = pino({ name: 'gateway', level: config.logLevel, redact: LOG_REDACTION });

if (cluster.isPrimary && config.workers > 1) {
  runPrimary({
    workers: config.workers,
    logger,
    invalidationTimeoutMs: config.cache.purgeAckTimeoutMs,
    // Each worker drains within SHUTDOWN_TIMEOUT_MS, then closes Redis; past this margin it is killed.
    shutdownTimeoutMs: config.shutdownTimeoutMs + 5_000,
    // The primary serves the metrics port: one scrape, the sum over workers.
    ...(config.metricsPort === undefined ? {} : { metrics: { port: config.metricsPort, host: config.host } }),
  });
} else {
  // At once: a scrape reaching the primary while this worker starts must get an answer (nothing counted yet).
  const clusterWorker = cluster.isWorker ? workerMetrics() : undefined;
  // Before the gateway starts, so its first request is traced; the primary serves nothing to trace.
  const tracing = startTracing(config.tracing);
  // Loaded here only: the primary serves no GraphQL, and spares itself the gateway's modules (~100 MB, ~2 s).
  const { startGateway } = await import('./server.js');
  // With Redis, its bus reaches every worker; without it each worker's store is its own, purged through the primary.
  const sharedStore = config.cache.redisUrl ?? config.cache.redisClusterNodes;
  const invalidationBus =
    cluster.isWorker && config.cache.enabled && !sharedStore
      ? clusterInvalidationBus({ logger, timeoutMs: 2 * config.cache.purgeAckTimeoutMs })
      : undefined;
  const gateway = await startGateway(config, logger, {
    ...(invalidationBus ? { invalidationBus } : {}),
    ...(clusterWorker ? { clusterWorker } : {}),
  }).catch(async (error: unknown) => {
    // One JSON line with the cause (an unreadable supergraph, a port in use), as every other log line.
    const secrets = [
      config.internalAuthSecret,
      ...(config.auth.secret ? [config.auth.secret] : []),
      ...(config.registry?.token ? [config.registry.token] : []),
      ...passwordsOf([config.cache.redisUrl, config.supergraphUrl, config.registry?.url]),
    ];
    logger.fatal({ err: startupFailure(error, secrets) }, 'gateway could not start');
    await tracing?.stop();
    process.exit(1);
  });
  logger.info({ url: gateway.url }, 'gateway ready');

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Not `once`: a terminal's Ctrl-C reaches a worker twice, directly and passed on by the primary.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Stops accepting, lets requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), then closes Redis.
      logger.info({ signal }, 'gateway stopping');
      gateway
        .stop()
        .then(() => tracing?.stop())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'gateway did not stop cleanly');
            process.exit(1);
          },
        );
    });
  }
}
