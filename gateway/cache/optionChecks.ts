/**
 * Checks for constructor options, one small function per kind, each throwing a `TypeError` that names the owner,
 * the field and the bad value (as dataloader does), so a misconfiguration fails at start-up and says where.
 */

/** `value` if it is a positive integer, `fallback` if it is undefined; throws otherwise. */
export function positiveInteger(owner: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${owner} option ${field} must be a positive integer; got ${String(value)}`);
  }
  return value;
}

/** `value` if it is a whole number of zero or more, `fallback` if it is undefined; throws otherwise. */
export function nonNegativeInteger(owner: string, field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${owner} option ${field} must be zero or a positive integer; got ${String(value)}`);
  }
  return value;
}

/** `value` if it is a function, `fallback` if it is undefined; throws otherwise. */
export function optionalFunction<T extends (...args: never[]) => unknown>(
  owner: string,
  field: string,
  value: T | undefined,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') {
    throw new TypeError(`${owner} option ${field} must be a function; got ${String(value)}`);
  }
  return value;
}

/** `value` if it is a non-empty string, `fallback` if it is undefined; throws otherwise. */
export function nonEmptyString(owner: string, field: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${owner} option ${field} must be a non-empty string; got ${JSON.stringify(value)}`);
  }
  return value;
}
