import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import type { Database, Row } from './Database.js';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

/** PostgreSQL compiled to WebAssembly, in this process: no server to install. */
export class PgliteDatabase implements Database {
  private constructor(private readonly pg: PGlite) {}

  /**
   * Opens an embedded database. With `dataDir` it lives in that folder and survives restarts;
   * without, it lives in memory (tests).
   */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    // int8 as a number, as the PostgreSQL adapter does: counts and ids stay far below 2^53.
    const pg = await PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => Number(value) } });
    return new PgliteDatabase(pg);
  }

  query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return runQuery<R>(this.pg, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => work(transactionDatabase(tx)));
  }

  async close(): Promise<void> {
    await this.pg.close();
  }
}

async function runQuery<R extends Row>(pg: Queryable, sql: string, params: readonly unknown[]): Promise<R[]> {
  const result = await pg.query<R>(sql, [...params]);
  return result.rows;
}

function transactionDatabase(tx: Transaction): Database {
  return {
    query: (sql, params = []) => runQuery(tx, sql, params),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (work) => work(transactionDatabase(tx)),
    close: async () => undefined,
  };
}
