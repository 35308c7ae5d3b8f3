/**
 * Runs one subgraph alone, with its own port and database (`npm run start:subgraph -- <name>`), for a gateway
 * started elsewhere (`npm run start:gateway`). An unknown or missing name prints the valid names and exits 1.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadSubgraphConfig, type SubgraphsConfig } from './config.js';
import { subgraphs } from './index.js';
import { runSubgraphs } from './runSubgraphs.js';

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

const logger = pino({ name, level: config.logLevel });
const running = await runSubgraphs(
  subgraphs.filter((subgraph) => subgraph.name === name),
  config,
  logger,
);
logger.info({ url: running.urls[name] }, 'subgraph ready');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
