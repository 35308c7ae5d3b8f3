import path from 'node:path';
import { PostgresDatabase } from '../../subgraphs/shared/database/PostgresDatabase.js';
import { databaseMeter, groupMeter, type CpuMeter } from '../load/procStats.js';
import type { ProcessGroup } from './ProcessGroup.js';

/** The database the subgraph processes share, reached by URL whatever its kind. */
export interface BenchDatabase {
  url: string;
  /** For the report, e.g. `PostgreSQL 15.8` or `embedded PGlite (pglite-socket)`. */
  kind: string;
  /**
   * What the database spends, counted in each window like the gateway and the subgraphs: the embedded server's
   * process, or the backends of a server on this machine; none for a server elsewhere.
   */
  meter?: CpuMeter;
}

/**
 * With `databaseUrl`, the database `commerce_bench` on that server (created when missing, seeded by the subgraphs
 * on their first start, kept afterwards), so that the bench never touches what tests use. Without, one embedded
 * PGlite in `bench/.data/pglite`, served over the PostgreSQL protocol by a process of its own, because an embedded
 * database can be opened by one process only.
 */
export async function startDatabase(
  group: ProcessGroup,
  benchDir: string,
  databaseUrl: string | undefined,
  /** The database on a server; the soak names one of its own. */
  database = 'commerce_bench',
): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const server = await group.start({
      name: 'database',
      script: 'bench/processes/pgliteServer.ts',
      args: ([port]) => ['--data-dir', path.join(benchDir, '.data', 'pglite'), '--port', String(port)],
    });
    return {
      url: `postgres://postgres@127.0.0.1:${server.ports[0]}/postgres`,
      kind: 'embedded PGlite 0.5.14 (pglite-socket)',
      meter: groupMeter('database', server.pid),
    };
  }
  const admin = await PostgresDatabase.connect(databaseUrl, { maxConnections: 1 });
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.length === 0) {
      // Two benches starting at once may both try; the loser's "already exists" (42P04) is fine.
      await admin.exec(`CREATE DATABASE ${database}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error;
      });
    }
    const [version] = await admin.query<{ server_version: string }>('SHOW server_version');
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    return {
      url: url.toString(),
      kind: `PostgreSQL ${version?.server_version ?? ''} server`.trim(),
      ...(isOnThisMachine(url) ? { meter: databaseMeter('database', database) } : {}),
    };
  } finally {
    await admin.close();
  }
}

/** Whether the server at `url` runs here, where its processes can be measured: a loopback address or a socket. */
function isOnThisMachine(url: URL): boolean {
  const host = url.hostname || url.searchParams.get('host') || '';
  return ['localhost', '127.0.0.1', '[::1]', ''].includes(host) || host.startsWith('/');
}
