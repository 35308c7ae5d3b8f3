import type { Database } from '../../shared/database/Database.js';
import { PRODUCT_COLUMNS, type ProductRow } from '../db.js';
import type { ProductSort } from './cursor.js';
import type { ListingRequest } from './listingRequest.js';

/**
 * One row per product of a page, in page order. A request whose page is empty still gets one row, with `id` null,
 * so that its `totalCount` arrives. `ord` is the request's 1-based place in the batch.
 */
export type ListingRow = Omit<ProductRow, 'id'> & {
  id: number | null;
  ord: number;
  totalCount: number;
  /** The value this sort orders by, for the product's cursor. */
  cursorKey: number | string;
  /** 1-based place on the page. */
  place: number | null;
};

/**
 * How each sort orders the matches `m`, and the seek condition that keeps only those after the cursor of request
 * `r`. Every order ends in the id, so it is total and a cursor names one place. Names compare bytewise (`"C"`) so
 * the embedded and the real server agree; creation times keep their microseconds in the cursor key.
 */
const SORT_SQL: Record<ProductSort, { key: string; order: string; seek: string }> = {
  FEATURED: {
    key: 'm.popularity',
    order: 'm.popularity DESC, m.id',
    seek: 'm.popularity < r.after_key::int OR (m.popularity = r.after_key::int AND m.id > r.after_id)',
  },
  NAME_ASC: {
    key: 'm.name',
    order: 'm.name COLLATE "C", m.id',
    seek: 'm.name COLLATE "C" > r.after_key OR (m.name = r.after_key AND m.id > r.after_id)',
  },
  NAME_DESC: {
    key: 'm.name',
    order: 'm.name COLLATE "C" DESC, m.id DESC',
    seek: 'm.name COLLATE "C" < r.after_key OR (m.name = r.after_key AND m.id < r.after_id)',
  },
  NEWEST: {
    key: `to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    order: 'm.created_at DESC, m.id DESC',
    seek: `m.created_at < r.after_key::timestamptz
      OR (m.created_at = r.after_key::timestamptz AND m.id < r.after_id)`,
  },
};

/**
 * Pages of several listings read in the same `sort`, in ONE statement: every request's matches (the category's
 * whole subtree, brand, all words of the text), their count over all pages, and the `first + 1` products after the
 * request's cursor (the extra one tells whether a next page exists). The count comes from the matches before the
 * seek condition, so it is the same on every page.
 */
export function listProducts(
  db: Database,
  sort: ProductSort,
  requests: readonly Omit<ListingRequest, 'sort'>[],
): Promise<ListingRow[]> {
  const spec = SORT_SQL[sort];
  // Both branches of `matches` apply the same brand and text conditions to product `p` of request `r`.
  const filters =
    '(r.brand_id IS NULL OR p.brand_id = r.brand_id) AND (r.words IS NULL OR p.search @@ r.words)';
  return db.query<ListingRow>(
    `WITH RECURSIVE req AS (
       SELECT r.*, plainto_tsquery('simple', r.text) AS words
       FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::int[])
         WITH ORDINALITY AS r(category_id, brand_id, text, page_size, after_key, after_id, ord)
     ), subtree AS (
       SELECT ord, category_id FROM req WHERE category_id IS NOT NULL
       UNION ALL
       SELECT s.ord, c.id FROM subtree s JOIN catalog.category c ON c.parent_id = s.category_id
     ), in_category AS (
       SELECT DISTINCT s.ord, pc.product_id
       FROM subtree s JOIN catalog.product_category pc ON pc.category_id = s.category_id
     ), matches AS (
       SELECT r.ord, p.id, p.name, p.popularity, p.created_at
       FROM in_category ic JOIN req r ON r.ord = ic.ord JOIN catalog.product p ON p.id = ic.product_id
       WHERE ${filters}
       UNION ALL
       SELECT r.ord, p.id, p.name, p.popularity, p.created_at
       FROM req r CROSS JOIN catalog.product p
       WHERE r.category_id IS NULL AND ${filters}
     ), counts AS (
       SELECT ord, count(*)::int AS total_count FROM matches GROUP BY ord
     )
     SELECT r.ord, coalesce(counts.total_count, 0) AS "totalCount", page."cursorKey", page.place, ${PRODUCT_COLUMNS}
     FROM req r
     LEFT JOIN counts ON counts.ord = r.ord
     LEFT JOIN LATERAL (
       SELECT m.id, m."cursorKey", row_number() OVER (ORDER BY ${spec.order}) AS place
       FROM (
         SELECT m.*, ${spec.key} AS "cursorKey" FROM matches m
         WHERE m.ord = r.ord AND (r.after_id IS NULL OR ${spec.seek})
         ORDER BY ${spec.order}
         LIMIT r.page_size + 1
       ) m
     ) page ON true
     LEFT JOIN catalog.product p ON p.id = page.id
     ORDER BY r.ord, page.place`,
    [
      requests.map((r) => r.categoryId),
      requests.map((r) => r.brandId),
      requests.map((r) => r.text),
      requests.map((r) => r.first),
      requests.map((r) => (r.after ? String(r.after.key) : null)),
      requests.map((r) => r.after?.id ?? null),
    ],
  );
}
