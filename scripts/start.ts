/**
 * `npm start`: the five subgraphs and the gateway in one process, on embedded defaults. The first run migrates and
 * seeds the embedded database in .data/; later runs keep its data.
 */
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { startTracing } from '../contracts/startTracing.js';
import { loadConfig } from '../gateway/config.js';
import { startGateway } from '../gateway/server.js';
import { loadSubgraphsConfig } from '../subgraphs/config.js';
import { subgraphs } from '../subgraphs/index.js';
import { runSubgraphs } from '../subgraphs/runSubgraphs.js';

const subgraphsConfig = loadSubgraphsConfig(
  process.env,
  subgraphs.map((subgraph) => subgraph.name),
);
const logger = pino({ level: subgraphsConfig.logLevel, redact: LOG_REDACTION });
// One process, one tracer provider: gateway and subgraph spans share the subgraphs' service name.
const tracing = startTracing(subgraphsConfig.tracing);
console.log('Starting subgraphs (the first run seeds the database, which takes a little while)…');
const running = await runSubgraphs(subgraphs, subgraphsConfig, logger.child({ name: 'subgraphs' }));

// The gateway routes to the subgraphs just started, wherever their ports ended up.
const env = { ...process.env };
for (const [name, url] of Object.entries(running.urls)) env[`SUBGRAPH_${name.toUpperCase()}_URL`] ??= url;
const gateway = await startGateway(loadConfig(env), logger.child({ name: 'gateway' }));

console.log(`\nGateway ready at ${gateway.url}`);
for (const [name, url] of Object.entries(running.urls)) console.log(`  ${name.padEnd(9)} ${url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // The gateway drains first, while the subgraphs still answer its requests in flight; then the subgraphs and the
  // database.
  process.once(signal, () => {
    gateway
      .stop()
      .then(() => running.stop())
      .then(() => tracing?.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'did not stop cleanly');
          process.exit(1);
        },
      );
  });
}
