/**
 * One subgraph in a process of its own, as production runs it: `node --import tsx bench/processes/subgraph.ts
 * --name catalog --port 4101 --stats-port 4201`. The database and secrets come from the environment, read by the
 * subgraphs' own `loadSubgraphsConfig`. The stats port answers `GET /` with the requests served and SQL
 * statements run so far, so the bench can count them per page operation.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadSubgraphsConfig } from '../../subgraphs/config.js';
import { subgraphs } from '../../subgraphs/index.js';
import { openDatabase } from '../../subgraphs/shared/database/openDatabase.js';
import { startSubgraphs } from '../../subgraphs/startSubgraphs.js';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    port: { type: 'string' },
    'stats-port': { type: 'string' },
  },
});
const subgraph = subgraphs.find((candidate) => candidate.name === values.name);
if (!subgraph)
  throw new Error(`--name is "${values.name}"; use one of ${subgraphs.map((s) => s.name).join(', ')}`);
const port = Number(values.port);
const statsPort = Number(values['stats-port']);

const config = loadSubgraphsConfig(process.env, [subgraph.name]);
const logger = pino({ name: subgraph.name, level: config.logLevel });
const db = await openDatabase(config.databases[subgraph.name] ?? {});
const counts = { requests: 0, statements: 0 };
const running = await startSubgraphs({
  subgraphs: [subgraph],
  databaseFor: () => db,
  seedPlan: config.seedPlan,
  logger,
  host: config.host,
  portFor: () => port,
  identitySecret: config.internalAuthSecret,
  onStatements(report) {
    counts.requests += 1;
    counts.statements += report.statements.length;
  },
});

const stats = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
});
stats.listen(statsPort, config.host);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stats.close();
    void running
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
