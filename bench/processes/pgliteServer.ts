/**
 * Embedded PostgreSQL for several processes: one PGlite instance (which only one process may open) served over the
 * PostgreSQL wire protocol, so that each subgraph process connects to it with an ordinary `DATABASE_URL`.
 * `node --import tsx bench/processes/pgliteServer.ts --data-dir bench/.data/pglite --port 5499`
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
});
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');

await mkdir(dataDir, { recursive: true });
const db = await PGlite.create(dataDir);
// Five subgraph processes keep a pool of up to 10 connections each; the bench reads slugs over one more.
const server = new PGLiteSocketServer({
  db,
  port: Number(values.port),
  host: '127.0.0.1',
  maxConnections: 64,
});
await server.start();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
