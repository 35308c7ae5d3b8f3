/**
 * Runs one subgraph alone, with its own port and database (`npm run start:subgraph -- <name>`), for a gateway
 * started elsewhere (`npm run start:gateway`). An unknown or missing name prints the valid names and exits 1; a bad
 * setting or a failed start (database, migrations, seed) is logged as one JSON line, and the process exits 1.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { startTracing } from '../contracts/startTracing.js';
import { checkSubgraphName, loadSubgraphConfig, type SubgraphsConfig } from './config.js';
import { subgraphs } from './index.js';
import { runSubgraphs } from './runSubgraphs.js';
import type { RunningSubgraphs } from './startSubgraphs.js';
import { passwordsOf, startupFailure } from '../contracts/startupFailure.js';

const names = subgraphs.map((subgraph) => subgraph.name);
let config: SubgraphsConfig;
let name: string;
try {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new Error(`Name one subgraph to start: ${names.join(', ')}`);
  name = positionals[0]!;
  checkSubgraphName(name, names);
} catch (error) {
  // A mistyped command line is for the person typing it: plain text.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
try {
  config = loadSubgraphConfig(process.env, name, names);
} catch (error) {
  // A bad setting is a failed start like any other; no setting's error echoes its value when it may be a secret.
  pino({ name }).fatal({ err: startupFailure(error, []) }, 'subgraph could not start');
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
