/**
 * Runs the schema registry alone (`npm run start:registry`). A bad setting or a failed start (database, migrations,
 * policy file, port) is logged as one JSON line without any secret, and the process exits 1; SIGTERM and SIGINT
 * stop it gracefully.
 */
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { passwordsOf, startupFailure } from '../contracts/startupFailure.js';
import { loadRegistryConfig, type RegistryConfig } from './config.js';
import { startRegistry, type RunningRegistry } from './startRegistry.js';

let config: RegistryConfig;
try {
  config = loadRegistryConfig(process.env);
} catch (error) {
  // No setting's error echoes a token's or a password's value.
  pino({ name: 'registry' }).fatal({ err: startupFailure(error, []) }, 'registry could not start');
  process.exit(1);
}
const logger = pino({ name: 'registry', level: config.logLevel, redact: LOG_REDACTION });
let running: RunningRegistry;
try {
  running = await startRegistry(config, logger);
} catch (error) {
  const secrets = [
    config.internalAuthSecret,
    config.tokens.admin,
    config.tokens.read,
    ...Object.values(config.tokens.publish),
    ...passwordsOf([config.database.url]),
  ];
  logger.fatal({ err: startupFailure(error, secrets) }, 'registry could not start');
  process.exit(1);
}
logger.info({ url: running.url }, 'registry ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'registry stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'registry did not stop cleanly');
        process.exit(1);
      },
    );
  });
}
