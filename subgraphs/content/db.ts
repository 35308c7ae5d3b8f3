import type { Database } from '../shared/database/Database.js';

export type PageRow = { id: number; slug: string; locale: string; title: string; categoryId: number | null };

/** The jsonb `data` document of each block kind (the `kind` column). */
export type BlockData = {
  hero: { title: string; subtitle?: string; image_url: string; cta_label?: string; cta_url?: string };
  rich_text: { html: string };
  product_carousel: { title: string; product_ids: number[] };
  category_tiles: { title: string; category_ids: number[] };
};
export type BlockKind = keyof BlockData;
export type BlockRow<K extends BlockKind = BlockKind> = {
  id: number;
  pageId: number;
  kind: K;
  data: BlockData[K];
};
export type HeroBlockRow = BlockRow<'hero'>;
export type RichTextBlockRow = BlockRow<'rich_text'>;
export type ProductCarouselBlockRow = BlockRow<'product_carousel'>;
export type CategoryTilesBlockRow = BlockRow<'category_tiles'>;

export type EditorialRow = { productId: number; locale: string; headline: string; body: string };
export type BadgeRow = { productId: number; code: string; label: string };
export type ReviewSummaryRow = { productId: number; count: number; averageRating: number | null };
export type ReviewRow = {
  id: number;
  productId: number;
  rating: number;
  title: string;
  body: string;
  authorName: string;
  /** ISO 8601, UTC. */
  createdAt: string;
};

const PAGE_COLUMNS = `id, slug, locale, title, category_id AS "categoryId"`;

/** The request's locale, then the fallback: `$2` and `$3` below, where a row in `$2` sorts first. */
export type Locales = readonly [locale: string, fallback: string];

/** Per slug, the page in the request's locale, else in the fallback; unknown slugs have no row. */
export function pagesBySlugs(db: Database, slugs: readonly string[], locales: Locales): Promise<PageRow[]> {
  return db.query<PageRow>(
    `SELECT DISTINCT ON (slug) ${PAGE_COLUMNS} FROM content.page
     WHERE slug = ANY($1::text[]) AND locale IN ($2, $3) ORDER BY slug, locale = $2 DESC`,
    [slugs, ...locales],
  );
}

/** Per category, its landing page in the request's locale, else in the fallback. */
export function landingPagesByCategories(
  db: Database,
  ids: readonly number[],
  locales: Locales,
): Promise<(PageRow & { categoryId: number })[]> {
  return db.query<PageRow & { categoryId: number }>(
    `SELECT DISTINCT ON (category_id) ${PAGE_COLUMNS} FROM content.page
     WHERE category_id = ANY($1::int[]) AND locale IN ($2, $3) ORDER BY category_id, locale = $2 DESC, id`,
    [ids, ...locales],
  );
}

/** The pages with these ids (each id is one locale's version of a page). */
export function pagesByIds(db: Database, ids: readonly number[]): Promise<PageRow[]> {
  return db.query<PageRow>(`SELECT ${PAGE_COLUMNS} FROM content.page WHERE id = ANY($1::int[])`, [ids]);
}

/**
 * The blocks of these pages in position order: per position, the block for `segment` when there is one,
 * else the default block (segment NULL).
 */
export function blocksByPages(
  db: Database,
  pageIds: readonly number[],
  segment: string | null,
): Promise<BlockRow[]> {
  return db.query<BlockRow>(
    `SELECT DISTINCT ON (page_id, position) id, page_id AS "pageId", kind, data FROM content.block
     WHERE page_id = ANY($1::int[]) AND (segment IS NULL OR segment = $2::text)
     ORDER BY page_id, position, segment IS NULL`,
    [pageIds, segment],
  );
}

/** Per product, its editorial in the request's locale, else in the fallback; else no row. */
export function editorialsByProducts(
  db: Database,
  ids: readonly number[],
  locales: Locales,
): Promise<EditorialRow[]> {
  return db.query<EditorialRow>(
    `SELECT DISTINCT ON (product_id) product_id AS "productId", locale, headline, body FROM content.editorial
     WHERE product_id = ANY($1::int[]) AND locale IN ($2, $3) ORDER BY product_id, locale = $2 DESC`,
    [ids, ...locales],
  );
}

/** The badges of these products in display order, labelled in the request's locale (else the fallback). */
export function badgesByProducts(
  db: Database,
  ids: readonly number[],
  locales: Locales,
): Promise<BadgeRow[]> {
  return db.query<BadgeRow>(
    `SELECT b.product_id AS "productId", b.code, coalesce(l.label, f.label, b.code) AS label
     FROM content.badge b
     LEFT JOIN content.badge_label l ON l.code = b.code AND l.locale = $2
     LEFT JOIN content.badge_label f ON f.code = b.code AND f.locale = $3
     WHERE b.product_id = ANY($1::int[]) ORDER BY b.product_id, b.position`,
    [ids, ...locales],
  );
}

/** Review count and mean rating (one decimal) of these products; products without reviews have no row. */
export function reviewSummariesByProducts(db: Database, ids: readonly number[]): Promise<ReviewSummaryRow[]> {
  return db.query<ReviewSummaryRow>(
    `SELECT product_id AS "productId", count(*)::int AS count,
            round(avg(rating), 1)::float8 AS "averageRating"
     FROM content.review WHERE product_id = ANY($1::int[]) GROUP BY product_id`,
    [ids],
  );
}

/** The `first` newest reviews of each of these products, per product newest first. */
export function newestReviewsByProducts(
  db: Database,
  ids: readonly number[],
  first: number,
): Promise<ReviewRow[]> {
  return db.query<ReviewRow>(
    `SELECT id, "productId", rating, title, body, "authorName", "createdAt" FROM (
       SELECT id, product_id AS "productId", rating, title, body, author_name AS "authorName",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
              row_number() OVER (PARTITION BY product_id ORDER BY created_at DESC, id DESC) AS rank
       FROM content.review WHERE product_id = ANY($1::int[])
     ) AS ranked
     WHERE rank <= $2 ORDER BY "productId", rank`,
    [ids, first],
  );
}

/** Writes a product's editorial in one locale, replacing what was there. */
export async function upsertEditorial(db: Database, editorial: EditorialRow): Promise<EditorialRow> {
  const rows = await db.query<EditorialRow>(
    `INSERT INTO content.editorial (product_id, locale, headline, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (product_id, locale)
       DO UPDATE SET headline = EXCLUDED.headline, body = EXCLUDED.body, updated_at = now()
     RETURNING product_id AS "productId", locale, headline, body`,
    [editorial.productId, editorial.locale, editorial.headline, editorial.body],
  );
  return rows[0]!;
}
