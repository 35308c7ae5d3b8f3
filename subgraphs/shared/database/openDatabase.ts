import type { Database } from './Database.js';
import { PgliteDatabase } from './PgliteDatabase.js';
import { PostgresDatabase } from './PostgresDatabase.js';

/** Where the data lives: a real server when `url` is set, else embedded (in `dataDir`, or in memory). */
export interface DatabaseOptions {
  /** A `postgres://` connection string. Default: none, which means embedded. */
  url?: string;
  /** The embedded database's folder. Default: none, which means in memory (nothing survives the process). */
  dataDir?: string;
}

/** Opens the database `options` describe. */
export function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? PostgresDatabase.connect(options.url) : PgliteDatabase.open(options.dataDir);
}
