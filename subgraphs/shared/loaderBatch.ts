import DataLoader from 'dataloader';
import type { Database } from './database/Database.js';

/**
 * DataLoader batch helpers: they turn the rows of one batched SQL statement into what a batch function must return,
 * one entry per key, in key order. A key without a row is `null` (one-to-one) or `[]` (one-to-many), never an
 * Error: an unknown id is an ordinary answer here, and resolvers return it as `null`.
 */

/** For one-to-one lookups: per key, the row whose `keyOf` equals it, or null when there is none. */
export function rowByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** For one-to-many lookups: per key, every row whose `keyOf` equals it, in row order; [] for a key with none. */
export function rowsGroupedByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * The row a foreign key promises (a product's brand, a variant's product), for a non-null field. A missing one is a
 * broken invariant: it fails the field as an internal error naming the row.
 */
export function existingRow<R>(row: R | null, type: string, id: number): R {
  if (row === null) throw new Error(`${type} ${id} not found`);
  return row;
}

/** One batched statement: the rows of every key of `keys`, in any order (`db.ts` functions have this shape). */
export type BatchQuery<K, R> = (db: Database, keys: readonly K[]) => Promise<readonly R[]>;

/**
 * A one-to-one loader: each batch runs `query` once with every key, and answers each key with its row
 * (`rowByKey`), or null.
 */
export function rowLoader<K, R>(
  db: Database,
  query: BatchQuery<K, R>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => rowByKey(keys, await query(db, keys), keyOf));
}

/**
 * A one-to-many loader: each batch runs `query` once with every key, and answers each key with its rows in row
 * order (`rowsGroupedByKey`), or [].
 */
export function groupLoader<K, R>(
  db: Database,
  query: BatchQuery<K, R>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => rowsGroupedByKey(keys, await query(db, keys), keyOf));
}
