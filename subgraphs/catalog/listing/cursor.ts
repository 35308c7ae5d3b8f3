/**
 * Listing cursors: opaque to clients, they carry the sort they were made for and the sort key and id of the last
 * product seen, so the next page seeks past that product instead of counting an offset.
 */

/** The orders a listing can be read in (the GraphQL `ProductSort` values). */
export const PRODUCT_SORTS = ['FEATURED', 'NAME_ASC', 'NAME_DESC', 'NEWEST'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** Where a page ends: the sort key of the product there (popularity, name or creation time) and its id. */
export interface CursorPosition {
  key: number | string;
  id: number;
}

/** Creation times travel in microseconds, as PostgreSQL stores them, so seeking past one never skips a product. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const keyFits: Record<ProductSort, (key: unknown) => boolean> = {
  FEATURED: isInt4,
  NAME_ASC: isText,
  NAME_DESC: isText,
  NEWEST: (key) => typeof key === 'string' && TIMESTAMP.test(key) && isRealTime(key),
};

/** The cursor of `position` in a listing read in `sort` order: base64url of JSON. */
export function encodeCursor(sort: ProductSort, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ sort, key: position.key, id: position.id })).toString('base64url');
}

/**
 * The position `cursor` points at, or null when it is not a cursor this service made for `sort` (garbage, edited,
 * or made for another sort, whose key would compare against the wrong column).
 */
export function decodeCursor(cursor: string, sort: ProductSort): CursorPosition | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null) return null;
  const { sort: madeFor, key, id } = decoded as Record<string, unknown>;
  if (madeFor !== sort || !keyFits[sort](key)) return null;
  if (!isInt4(id) || id < 1) return null;
  return { key: key as number | string, id };
}

/** Keys and ids are compared as PostgreSQL `integer`s; anything wider would fail the cast. */
function isInt4(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;
}

/** PostgreSQL text cannot hold NUL. */
function isText(value: unknown): boolean {
  return typeof value === 'string' && !value.includes('\u0000');
}

/** Whether a well-formed timestamp names a real instant (no 30 February), as PostgreSQL will insist. */
function isRealTime(timestamp: string): boolean {
  const date = new Date(timestamp);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === timestamp.slice(0, 19);
}
