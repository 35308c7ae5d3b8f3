/** Runs the gateway alone, against subgraphs already running at the supergraph's (or overridden) URLs. */
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { startGateway } from './server.js';

const config = loadConfig(process.env);
const logger = pino({ name: 'gateway', level: config.logLevel });
const gateway = await startGateway(config, logger);
logger.info({ url: gateway.url }, 'gateway ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void gateway.stop().then(() => process.exit(0));
  });
}
