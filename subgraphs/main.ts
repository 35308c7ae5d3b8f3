/**
 * Runs one subgraph alone, with its own port and database (`npm run start:subgraph -- <name>`), for a gateway
 * started elsewhere (`npm run start:gateway`). An unknown or missing name prints the valid names and exits 1.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { startTracing } from '../contracts/startTracing.js';
import { loadSubgraphConfig, type SubgraphsConfig } from './config.js';
import { subgraphs } from './index.js';
import { runSubgraphs } from './runSubgraphs.js';
import type { RunningSubgraphs } from './startSubgraphs.js';
import { passwordsOf, startupFailure } from './startupFailure.js';

const names = subgraphs.map((subgraph) => subgraph.name);
let config: SubgraphsConfig;
let name: string;
try {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new Error(`Name one subgraph to start: ${names.join(', ')}`);
  name = positionals[0]!;
  config = loadSubgraphConfig(process.env, name, names);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const logger = pino({ name, level: config.logLevel, redact: LOG_REDACTION });
const tracing = startTracing(config.tracing);
let running: RunningSubgraphs;
try {
  running = await runSubgraphs(
    subgraphs.filter((subgraph) => subgraph.name === name),
    config,
    logger,
  );
} catch (error) {
  // One JSON line with the cause (a database that refused, a migration that failed), as every other log line.
  const secrets = [config.internalAuthSecret, ...passwordsOf([config.databases[name]?.url])];
  logger.fatal({ err: startupFailure(error, secrets) }, 'subgraph could not start');
  await tracing?.stop();
  process.exit(1);
}
logger.info({ url: running.urls[name] }, 'subgraph ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Stops accepting, lets requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), then closes the database.
  process.once(signal, () => {
    logger.info({ signal }, 'subgraph stopping');
    running
      .stop()
      .then(() => tracing?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'subgraph did not stop cleanly');
          process.exit(1);
        },
      );
  });
}
