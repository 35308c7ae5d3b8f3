import { BadUserInputError } from '../../shared/errors.js';
import type { ProductRow } from '../db.js';
import { parseCatalogId } from '../ids.js';
import type { CatalogContext } from '../loaders.js';

const RELATED_LIMIT = { max: 24 } as const;

/** A product; the gateway may reach it by either of its keys, `id` or `sku`. */
export const Product = {
  __resolveReference(ref: { id?: unknown; sku?: unknown }, { loaders }: CatalogContext) {
    if (typeof ref.sku === 'string') return loaders.productByReference.load({ sku: ref.sku });
    const id = parseCatalogId(ref.id);
    return id === null ? null : loaders.productByReference.load({ id });
  },
  brand(product: ProductRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.brandById.load(product.brandId);
  },
  categories(product: ProductRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.categoriesOfProduct.load(product.id);
  },
  images(product: ProductRow, args: { limit?: number | null }, { loaders }: CatalogContext) {
    const limit = args.limit ?? null;
    if (limit === null) return loaders.imagesOfProduct.load(product.id);
    if (limit < 0) throw new BadUserInputError(`limit must not be negative; got ${limit}`, 'limit');
    return limit === 0 ? [] : loaders.firstImagesOfProduct.load({ productId: product.id, limit });
  },
  attributes(product: ProductRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.attributesOfProduct.load(product.id);
  },
  variants(product: ProductRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.variantsOfProduct.load(product.id);
  },
  related(product: ProductRow, args: { limit?: number | null }, { loaders }: CatalogContext) {
    const limit = args.limit ?? 8;
    if (limit < 1 || limit > RELATED_LIMIT.max) {
      throw new BadUserInputError(`limit must be between 1 and ${RELATED_LIMIT.max}; got ${limit}`, 'limit');
    }
    return loaders.relatedProducts.load({ productId: product.id, limit });
  },
};
