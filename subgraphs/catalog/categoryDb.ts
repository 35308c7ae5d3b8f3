import type { Database } from '../shared/database/Database.js';
import type { CategoryRow } from './db.js';

/** SQL of the category tree (`catalog.category`). */

/** Stands for "no parent" where a parent id is a key: the departments are the children of `ROOT`. */
export const ROOT = 0;

const COLUMNS = `c.id, c.parent_id AS "parentId", c.name, c.slug`;

export function categoriesByIds(db: Database, ids: readonly number[]): Promise<CategoryRow[]> {
  return db.query<CategoryRow>(`SELECT ${COLUMNS} FROM catalog.category c WHERE c.id = ANY($1::int[])`, [
    ids,
  ]);
}

export function categoriesBySlugs(db: Database, slugs: readonly string[]): Promise<CategoryRow[]> {
  return db.query<CategoryRow>(`SELECT ${COLUMNS} FROM catalog.category c WHERE c.slug = ANY($1::text[])`, [
    slugs,
  ]);
}

/** The children of each parent id (`ROOT` for the departments), in display order. */
export function categoriesByParents(db: Database, parentIds: readonly number[]): Promise<CategoryRow[]> {
  return db.query<CategoryRow>(
    `SELECT ${COLUMNS} FROM catalog.category c
     WHERE coalesce(c.parent_id, ${ROOT}) = ANY($1::int[]) ORDER BY c.parent_id NULLS FIRST, c.position`,
    [parentIds],
  );
}

/** The ancestors of each category, department first; `forId` is the category they belong to. */
export function ancestorsOfCategories(
  db: Database,
  ids: readonly number[],
): Promise<(CategoryRow & { forId: number })[]> {
  return db.query(
    `WITH RECURSIVE up AS (
       SELECT c.id AS for_id, c.parent_id AS ancestor_id FROM catalog.category c WHERE c.id = ANY($1::int[])
       UNION ALL
       SELECT up.for_id, c.parent_id FROM up JOIN catalog.category c ON c.id = up.ancestor_id
     )
     SELECT up.for_id AS "forId", ${COLUMNS}
     FROM up JOIN catalog.category c ON c.id = up.ancestor_id
     ORDER BY up.for_id, c.depth`,
    [ids],
  );
}

/** The categories each product is listed in, home category first; `productId` is the product. */
export function categoriesOfProducts(
  db: Database,
  productIds: readonly number[],
): Promise<(CategoryRow & { productId: number })[]> {
  return db.query(
    `SELECT pc.product_id AS "productId", ${COLUMNS}
     FROM catalog.product_category pc JOIN catalog.category c ON c.id = pc.category_id
     WHERE pc.product_id = ANY($1::int[]) ORDER BY pc.product_id, pc.position`,
    [productIds],
  );
}
