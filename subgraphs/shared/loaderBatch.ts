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

/**
 * Parses a GraphQL `ID` that this service stores as an integer. Returns null for anything else, so that an id
 * that cannot exist is answered like an unknown one.
 */
export function parseIntegerId(id: unknown): number | null {
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
  if (typeof id !== 'string' || !/^[1-9]\d{0,14}$/.test(id)) return null;
  return Number(id);
}
