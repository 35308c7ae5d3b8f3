import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { groupLoader, rowLoader, rowsGroupedByKey, type BatchQuery } from '../shared/loaderBatch.js';
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
 * with no row, so that an unknown id resolves to null instead of an error. Nothing here depends on the request.
 */
export function createLoaders(db: Database, _request: Readonly<RequestContext>) {
  return {
    productById: rowLoader(db, productsByIds, (row) => row.id),
    productByReference: productReferenceLoader(db),
    productBySlug: rowLoader(db, productsBySlugs, (row) => row.slug),
    relatedProducts: limitedLoader(db, relatedProducts, (row) => row.forProductId),
    productListing: createListingLoaders(db),
    imagesOfProduct: groupLoader(db, imagesOfProducts, (row) => row.productId),
    firstImagesOfProduct: limitedLoader(db, firstImagesOfProducts, (row) => row.productId),
    attributesOfProduct: groupLoader(db, attributesOfProducts, (row) => row.ownerId),
    categoriesOfProduct: groupLoader(db, categoriesOfProducts, (row) => row.productId),
    variantsOfProduct: groupLoader(db, variantsOfProducts, (row) => row.productId),
    variantById: rowLoader(db, variantsByIds, (row) => row.id),
    optionsOfVariant: groupLoader(db, optionsOfVariants, (row) => row.ownerId),
    brandById: rowLoader(db, brandsByIds, (row) => row.id),
    brandBySlug: rowLoader(db, brandsBySlugs, (row) => row.slug),
    categoryById: rowLoader(db, categoriesByIds, (row) => row.id),
    categoryBySlug: rowLoader(db, categoriesBySlugs, (row) => row.slug),
    /** Keyed by parent id; `ROOT` gives the departments. */
    categoryChildren: groupLoader(db, categoriesByParents, (row) => row.parentId ?? ROOT),
    categoryAncestors: groupLoader(db, ancestorsOfCategories, (row) => row.forId),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;

/** What every catalog resolver receives as its context. */
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
  query: BatchQuery<ProductLimit, R>,
  productIdOf: (row: R) => number,
): DataLoader<ProductLimit, R[], string> {
  const cacheKey = (key: ProductLimit) => `${key.productId}:${key.limit}`;
  return new DataLoader(
    async (keys) => {
      const rows = await query(db, keys);
      return rowsGroupedByKey(keys.map(cacheKey), rows, (row) =>
        cacheKey({ productId: productIdOf(row), limit: row.forLimit }),
      );
    },
    { cacheKeyFn: cacheKey },
  );
}
