/** A row as the database returns it: column name to value. */
export type Row = Record<string, unknown>;

/**
 * The one seam every subgraph talks to PostgreSQL through. Two adapters implement it with the same SQL:
 * `PgliteDatabase` (embedded, the default) and `PostgresDatabase` (a real server, from `DATABASE_URL`).
 *
 * Both return `int8`/`count(*)` as JavaScript numbers, `numeric` as strings and `timestamptz` as `Date`,
 * so callers never see a difference between them.
 */
export interface Database {
  /** Runs one parameterised statement (`$1`, `$2`, …) and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of one or more statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /** Runs `work` inside one transaction; a thrown error rolls it back. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  /** Releases the connection or the embedded instance. */
  close(): Promise<void>;
}

/** Called with every statement a database runs; used to count statements per request. */
export type StatementListener = (sql: string) => void;

/**
 * Wraps a database so that every statement run through it is reported to `listener` first.
 * The wrapper is cheap: subgraphs create one per request.
 */
export function observeStatements(db: Database, listener: StatementListener): Database {
  return {
    query(sql, params) {
      listener(sql);
      return db.query(sql, params);
    },
    exec(sql) {
      listener(sql);
      return db.exec(sql);
    },
    transaction(work) {
      return db.transaction((tx) => work(observeStatements(tx, listener)));
    },
    close: () => db.close(),
  };
}
