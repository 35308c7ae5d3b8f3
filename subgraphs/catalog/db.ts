import type { Database } from '../shared/database/Database.js';

/**
 * The catalog's rows, as its SQL returns them (columns aliased to camelCase), and the product and brand SQL. The
 * category tree's SQL is in `categoryDb.ts`, the variants' in `variantDb.ts`.
 */

/** A product as resolvers see it; the listing and `related` return the same shape. */
export type ProductRow = {
  id: number;
  sku: string;
  slug: string;
  name: string;
  description: string;
  brandId: number;
  weightGrams: number;
  /** ISO 8601, UTC, to the second. */
  createdAt: string;
};

export type VariantRow = {
  id: number;
  productId: number;
  sku: string;
  name: string;
  weightGrams: number;
};

export type CategoryRow = {
  id: number;
  /** Null for departments, the top of the tree. */
  parentId: number | null;
  name: string;
  slug: string;
};

export type BrandRow = {
  id: number;
  name: string;
  slug: string;
};

export type ImageRow = {
  productId: number;
  url: string;
  alt: string;
  width: number;
  height: number;
};

export type NameValueRow = {
  /** The product (attributes) or variant (options) the pair belongs to. */
  ownerId: number;
  name: string;
  value: string;
};

/** The columns of a `ProductRow`, selected from `catalog.product` aliased `p`. */
export const PRODUCT_COLUMNS = `p.id, p.sku, p.slug, p.name, p.description, p.brand_id AS "brandId",
  p.weight_grams AS "weightGrams", to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

/** Products by id, in no particular order; missing ids are absent. */
export function productsByIds(db: Database, ids: readonly number[]): Promise<ProductRow[]> {
  return db.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM catalog.product p WHERE p.id = ANY($1::int[])`,
    [ids],
  );
}

/** Products by either key, in one statement: a batch of entity references may mix `id` and `sku`. */
export function productsByIdsOrSkus(
  db: Database,
  ids: readonly number[],
  skus: readonly string[],
): Promise<ProductRow[]> {
  return db.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM catalog.product p WHERE p.id = ANY($1::int[]) OR p.sku = ANY($2::text[])`,
    [ids, skus],
  );
}

export function productsBySlugs(db: Database, slugs: readonly string[]): Promise<ProductRow[]> {
  return db.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM catalog.product p WHERE p.slug = ANY($1::text[])`,
    [slugs],
  );
}

/**
 * For each `(productId, limit)`: up to `limit` other products of that product's home category, most popular first.
 * Rows carry the request they answer in `forProductId` and `forLimit`.
 */
export function relatedProducts(
  db: Database,
  requests: readonly { productId: number; limit: number }[],
): Promise<(ProductRow & { forProductId: number; forLimit: number })[]> {
  return db.query(
    `SELECT r.product_id AS "forProductId", r.lim AS "forLimit", ${PRODUCT_COLUMNS}
     FROM unnest($1::int[], $2::int[]) AS r(product_id, lim)
     CROSS JOIN LATERAL (
       SELECT pc.category_id FROM catalog.product_category pc
       WHERE pc.product_id = r.product_id ORDER BY pc.position LIMIT 1
     ) home
     CROSS JOIN LATERAL (
       SELECT o.* FROM catalog.product_category oc JOIN catalog.product o ON o.id = oc.product_id
       WHERE oc.category_id = home.category_id AND o.id <> r.product_id
       ORDER BY o.popularity DESC, o.id LIMIT r.lim
     ) p
     ORDER BY r.product_id, r.lim, p.popularity DESC, p.id`,
    [requests.map((r) => r.productId), requests.map((r) => r.limit)],
  );
}

export function brandsByIds(db: Database, ids: readonly number[]): Promise<BrandRow[]> {
  return db.query<BrandRow>(`SELECT id, name, slug FROM catalog.brand WHERE id = ANY($1::int[])`, [ids]);
}

export function brandsBySlugs(db: Database, slugs: readonly string[]): Promise<BrandRow[]> {
  return db.query<BrandRow>(`SELECT id, name, slug FROM catalog.brand WHERE slug = ANY($1::text[])`, [slugs]);
}

/** Images of the products, by product then display position. */
export function imagesOfProducts(db: Database, productIds: readonly number[]): Promise<ImageRow[]> {
  return db.query<ImageRow>(
    `SELECT product_id AS "productId", url, alt, width, height FROM catalog.product_image
     WHERE product_id = ANY($1::int[]) ORDER BY product_id, position`,
    [productIds],
  );
}

/**
 * For each `(productId, limit)`: the product's first `limit` images, in display position. Rows carry the limit
 * they answer in `forLimit`. Apart from `imagesOfProducts`, so that a page asking for both runs two texts.
 */
export function firstImagesOfProducts(
  db: Database,
  requests: readonly { productId: number; limit: number }[],
): Promise<(ImageRow & { forLimit: number })[]> {
  return db.query(
    `SELECT r.product_id AS "productId", r.lim AS "forLimit", i.url, i.alt, i.width, i.height
     FROM unnest($1::int[], $2::int[]) AS r(product_id, lim)
     CROSS JOIN LATERAL (
       SELECT * FROM catalog.product_image i WHERE i.product_id = r.product_id ORDER BY i.position LIMIT r.lim
     ) i
     ORDER BY r.product_id, r.lim, i.position`,
    [requests.map((r) => r.productId), requests.map((r) => r.limit)],
  );
}

export function attributesOfProducts(db: Database, productIds: readonly number[]): Promise<NameValueRow[]> {
  return db.query<NameValueRow>(
    `SELECT product_id AS "ownerId", name, value FROM catalog.product_attribute
     WHERE product_id = ANY($1::int[]) ORDER BY product_id, position`,
    [productIds],
  );
}
