/** Runs the five subgraphs alone (the gateway runs elsewhere): `tsx subgraphs/main.ts`. */
import { pino } from 'pino';
import { loadSubgraphsConfig } from './config.js';
import { subgraphs } from './index.js';
import { runSubgraphs } from './runSubgraphs.js';

const config = loadSubgraphsConfig(
  process.env,
  subgraphs.map((subgraph) => subgraph.name),
);
const logger = pino({ name: 'subgraphs', level: config.logLevel });
const running = await runSubgraphs(subgraphs, config, logger);
logger.info({ urls: running.urls }, 'subgraphs ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
