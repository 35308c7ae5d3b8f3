import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PostgresDatabase } from '../../subgraphs/shared/database/PostgresDatabase.js';

/** The environment that points a subgraph process at its database, and how to remove that database. */
export interface OwnDatabase {
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/**
 * A database for a subgraph started alone, as the test's environment says: a database of its own on the server at
 * `DATABASE_URL` when set, else an embedded one in a temporary folder.
 */
export async function ownDatabase(name: string): Promise<OwnDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), `${name}-alone-`));
    return { env: { DATA_DIR: dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const database = `test_alone_${randomBytes(4).toString('hex')}`;
  const admin = await PostgresDatabase.connect(serverUrl, { maxConnections: 1 });
  await admin.exec(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    env: { [`${name.toUpperCase()}_DATABASE_URL`]: url.toString() },
    async dispose() {
      await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.close();
    },
  };
}
