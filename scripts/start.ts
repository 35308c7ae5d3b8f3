/**
 * `npm start`: the five subgraphs, the schema registry and the gateway in one process, on embedded defaults. The
 * first run migrates and seeds the embedded databases in .data/; later runs keep their data. Once the subgraphs
 * are up, the working tree's supergraph.yaml subgraphs and registered operations are published to the registry,
 * and the gateway reads its supergraph and operations from there.
 */
import { pino } from 'pino';
import { LOG_REDACTION } from '../contracts/logRedaction.js';
import { startTracing } from '../contracts/startTracing.js';
import { loadConfig } from '../gateway/config.js';
import { startGateway } from '../gateway/server.js';
import { loadSubgraphsConfig } from '../subgraphs/config.js';
import { subgraphs } from '../subgraphs/index.js';
import { runSubgraphs } from '../subgraphs/runSubgraphs.js';
import { RegistryClient } from '../registry/client/RegistryClient.js';
import { loadRegistryConfig } from '../registry/config.js';
import { startRegistry } from '../registry/startRegistry.js';
import { publishWorkingTree } from './lib/publishWorkingTree.js';
import { loadSchemaConfig } from './schema/config.js';

const subgraphsConfig = loadSubgraphsConfig(
  process.env,
  subgraphs.map((subgraph) => subgraph.name),
);
const logger = pino({ level: subgraphsConfig.logLevel, redact: LOG_REDACTION });
// One process, one tracer provider: gateway and subgraph spans share the subgraphs' service name.
const tracing = startTracing(subgraphsConfig.tracing);
console.log('Starting subgraphs (the first run seeds the database, which takes a little while)…');
const running = await runSubgraphs(subgraphs, subgraphsConfig, logger.child({ name: 'subgraphs' }));

// The gateway routes to the subgraphs just started, wherever their ports ended up (unless SUBGRAPH_<NAME>_URL says
// otherwise), and reads the supergraph and operations from the registry, which publishes the working tree's
// subgraphs at those same URLs.
const registryConfig = loadRegistryConfig(process.env);
const registry = await startRegistry(registryConfig, logger.child({ name: 'registry' }));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  REGISTRY_URL: registry.url,
  REGISTRY_TOKEN: registryConfig.tokens.read,
};
for (const [name, url] of Object.entries(running.urls)) env[`SUBGRAPH_${name.toUpperCase()}_URL`] ??= url;
await publishWorkingTree(
  new RegistryClient({ url: registry.url, token: registryConfig.tokens.admin }),
  loadSchemaConfig(env, process.cwd()),
  logger.child({ name: 'registry' }),
);
const gateway = await startGateway(loadConfig(env), logger.child({ name: 'gateway' }));

console.log(`\nGateway ready at ${gateway.url}`);
console.log(`  ${'registry'.padEnd(9)} ${registry.url}`);
for (const [name, url] of Object.entries(running.urls)) console.log(`  ${name.padEnd(9)} ${url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // The gateway drains first, while the subgraphs still answer its requests in flight; then the registry, the
  // subgraphs and the databases.
  process.once(signal, () => {
    gateway
      .stop()
      .then(() => registry.stop())
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
