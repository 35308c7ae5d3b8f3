import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { rowsByKey, rowsGroupedByKey } from '../shared/loaderBatch.js';
import type { SubgraphContext } from '../shared/Subgraph.js';
import {
  ancestorsOfCategories,
  categoriesByIds,
  categoriesByParents,
  categoriesBySlugs,
  categoriesOfProducts,
  ROOT,
} from './categoryDb.js';
import {
  attributesOfProducts,
  brandsByIds,
  brandsBySlugs,
  firstImagesOfProducts,
  imagesOfProducts,
  productsByIds,
  productsByIdsOrSkus,
  productsBySlugs,
  relatedProducts,
  type ProductRow,
} from './db.js';
import { createListingLoaders } from './listing/listingLoaders.js';
import { optionsOfVariants, variantsByIds, variantsOfProducts } from './variantDb.js';

/** A `Product` entity reference: the gateway may use either key. */
export type ProductReference = { id: number } | { sku: string };

/** Which product, and how many of its things (related products, images) a field asks for. */
export interface ProductLimit {
  productId: number;
  limit: number;
}

/**
 * The catalog's loaders for one request. Each batch runs one statement; one-to-one loaders answer null for a key
 * with no row, so that an unknown id resolves to null instead of an error.
 */
export function createLoaders(db: Database, _request: Readonly<RequestContext>) {
  return {
    productById: rowLoader(db, productsByIds, (row) => row.id, 'Product'),
    productByReference: productReferenceLoader(db),
    productBySlug: rowLoader(db, productsBySlugs, (row) => row.slug, 'Product'),
    relatedProducts: limitedLoader(db, relatedProducts, (row) => row.forProductId),
    productListing: createListingLoaders(db),
    imagesOfProduct: groupLoader(db, imagesOfProducts, (row) => row.productId),
    firstImagesOfProduct: limitedLoader(db, firstImagesOfProducts, (row) => row.productId),
    attributesOfProduct: groupLoader(db, attributesOfProducts, (row) => row.ownerId),
    categoriesOfProduct: groupLoader(db, categoriesOfProducts, (row) => row.productId),
    variantsOfProduct: groupLoader(db, variantsOfProducts, (row) => row.productId),
    variantById: rowLoader(db, variantsByIds, (row) => row.id, 'ProductVariant'),
    optionsOfVariant: groupLoader(db, optionsOfVariants, (row) => row.ownerId),
    brandById: rowLoader(db, brandsByIds, (row) => row.id, 'Brand'),
    brandBySlug: rowLoader(db, brandsBySlugs, (row) => row.slug, 'Brand'),
    categoryById: rowLoader(db, categoriesByIds, (row) => row.id, 'Category'),
    categoryBySlug: rowLoader(db, categoriesBySlugs, (row) => row.slug, 'Category'),
    /** Keyed by parent id; `ROOT` gives the departments. */
    categoryChildren: groupLoader(db, categoriesByParents, (row) => row.parentId ?? ROOT),
    categoryAncestors: groupLoader(db, ancestorsOfCategories, (row) => row.forId),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;

/** What every catalog resolver receives. */
export type CatalogContext = SubgraphContext<CatalogLoaders>;

/**
 * Resolves references by id and by sku in one batch, so that every product of an `_entities` request resolves at
 * once and the fields below them batch together too (two loaders would finish apart and split those batches).
 */
function productReferenceLoader(db: Database): DataLoader<ProductReference, ProductRow | null, string> {
  return new DataLoader(
    async (references) => {
      const ids = references.flatMap((reference) => ('id' in reference ? [reference.id] : []));
      const skus = references.flatMap((reference) => ('sku' in reference ? [reference.sku] : []));
      const rows = await productsByIdsOrSkus(db, ids, skus);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const bySku = new Map(rows.map((row) => [row.sku, row]));
      return references.map(
        (reference) => ('id' in reference ? byId.get(reference.id) : bySku.get(reference.sku)) ?? null,
      );
    },
    { cacheKeyFn: (reference) => ('id' in reference ? `id:${reference.id}` : `sku:${reference.sku}`) },
  );
}

/** A one-to-many loader keyed by product and limit; rows carry the limit they answer in `forLimit`. */
function limitedLoader<R extends { forLimit: number }>(
  db: Database,
  fetch: (db: Database, keys: readonly ProductLimit[]) => Promise<R[]>,
  productIdOf: (row: R) => number,
): DataLoader<ProductLimit, R[], string> {
  const cacheKey = (key: ProductLimit) => `${key.productId}:${key.limit}`;
  return new DataLoader(
    async (keys) => {
      const rows = await fetch(db, keys);
      return rowsGroupedByKey(keys.map(cacheKey), rows, (row) =>
        cacheKey({ productId: productIdOf(row), limit: row.forLimit }),
      );
    },
    { cacheKeyFn: cacheKey },
  );
}

function rowLoader<K, R>(
  db: Database,
  fetch: (db: Database, keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
  type: string,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) =>
    rowsByKey(keys, await fetch(db, keys), keyOf, type).map((row) => (row instanceof Error ? null : row)),
  );
}

function groupLoader<K, R>(
  db: Database,
  fetch: (db: Database, keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => rowsGroupedByKey(keys, await fetch(db, keys), keyOf));
}
