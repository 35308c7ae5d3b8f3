import type { Database } from '../shared/database/Database.js';
import type { NameValueRow, VariantRow } from './db.js';

/** SQL of product variants and their options. */

const VARIANT_COLUMNS = `id, product_id AS "productId", sku, name, weight_grams AS "weightGrams"`;

export function variantsOfProducts(db: Database, productIds: readonly number[]): Promise<VariantRow[]> {
  return db.query<VariantRow>(
    `SELECT ${VARIANT_COLUMNS} FROM catalog.variant WHERE product_id = ANY($1::int[]) ORDER BY product_id, position`,
    [productIds],
  );
}

export function variantsByIds(db: Database, ids: readonly number[]): Promise<VariantRow[]> {
  return db.query<VariantRow>(`SELECT ${VARIANT_COLUMNS} FROM catalog.variant WHERE id = ANY($1::int[])`, [
    ids,
  ]);
}

export function optionsOfVariants(db: Database, variantIds: readonly number[]): Promise<NameValueRow[]> {
  return db.query<NameValueRow>(
    `SELECT variant_id AS "ownerId", name, value FROM catalog.variant_option
     WHERE variant_id = ANY($1::int[]) ORDER BY variant_id, position`,
    [variantIds],
  );
}
