/**
 * Helpers that turn the rows of one batched SQL statement into what a DataLoader batch function must return:
 * one entry per key, in key order.
 */

/**
 * For one-to-one lookups: the row whose `keyOf` equals each key, or an Error naming the missing key.
 */
export function rowsByKey<K, R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
  type: string,
): (R | Error)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? new Error(`${type} ${String(key)} not found`));
}

/**
 * For one-to-many lookups: every row whose `keyOf` equals each key, in row order; an empty list for a key with none.
 */
export function rowsGroupedByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Largest id an `integer` column holds. */
const MAX_INTEGER_ID = 2_147_483_647;

/**
 * Parses a GraphQL `ID` that this service stores in an `integer` column. Returns null for anything else (including
 * ids too large for the column), so that an id that cannot exist is answered like an unknown one.
 */
export function parseIntegerId(id: unknown): number | null {
  const value =
    typeof id === 'number' ? id : typeof id === 'string' && /^[1-9]\d{0,9}$/.test(id) ? Number(id) : NaN;
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_INTEGER_ID ? value : null;
}
