import pg from 'pg';
import type { Database, Row } from './Database.js';

const INT8_OID = 20;

// int8 as a number, as the embedded adapter does: counts and ids stay far below 2^53.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A real PostgreSQL server reached through a `pg` connection pool. */
export class PostgresDatabase implements Database {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects to `url` (a `postgres://` connection string) and checks that the server answers. */
  static async connect(url: string, options: { maxConnections?: number } = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      types: typeParsers,
    });
    // A pool never throws on idle clients' errors unless someone listens; log-worthy, not fatal.
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return new PostgresDatabase(pool);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.pool.query<R>(sql, [...params]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(clientDatabase(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function clientDatabase(client: pg.PoolClient): Database {
  return {
    query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query<R>(sql, [...params])).rows,
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: (work) => work(clientDatabase(client)),
    close: async () => undefined,
  };
}
