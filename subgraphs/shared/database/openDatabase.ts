import type { Database } from './Database.js';
import { PgliteDatabase } from './PgliteDatabase.js';
import { PostgresDatabase } from './PostgresDatabase.js';

/** Where the data lives: a real server when `url` is set, else embedded (in `dataDir`, or in memory). */
export interface DatabaseOptions {
  /** A `postgres://` connection string. Default: none, which means embedded. */
  url?: string;
  /** The embedded database's folder. Default: none, which means in memory (nothing survives the process). */
  dataDir?: string;
  /** Most connections to a real server. Default 10. */
  poolSize?: number;
  /** Named prepared statements on a real server (see `PostgresOptions`). Default true. */
  preparedStatements?: boolean;
}

/** Opens the database `options` describe. */
export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options.url) return PgliteDatabase.open(options.dataDir);
  return PostgresDatabase.connect(options.url, {
    ...(options.poolSize === undefined ? {} : { maxConnections: options.poolSize }),
    ...(options.preparedStatements === undefined ? {} : { preparedStatements: options.preparedStatements }),
  });
}
