import { BadUserInputError } from '../../shared/errors.js';
import { existingRow } from '../../shared/loaderBatch.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductResolvers } from '../__generated__/resolvers.js';

const RELATED_LIMIT = { max: 24 } as const;

/** A product; the gateway may reach it by either of its keys, `id` or `sku`. */
export const Product: ProductResolvers = {
  __resolveReference(ref, { loaders }) {
    if ('sku' in ref) return loaders.productByReference.load({ sku: ref.sku });
    const id = parseIntegerId(ref.id);
    return id === null ? null : loaders.productByReference.load({ id });
  },
  async brand(product, _args, { loaders }) {
    return existingRow(await loaders.brandById.load(product.brandId), 'Brand', product.brandId);
  },
  categories(product, _args, { loaders }) {
    return loaders.categoriesOfProduct.load(product.id);
  },
  images(product, args, { loaders }) {
    const limit = args.limit ?? null;
    if (limit === null) return loaders.imagesOfProduct.load(product.id);
    if (limit < 0) throw new BadUserInputError(`limit must not be negative; got ${limit}`, 'limit');
    return limit === 0 ? [] : loaders.firstImagesOfProduct.load({ productId: product.id, limit });
  },
  attributes(product, _args, { loaders }) {
    return loaders.attributesOfProduct.load(product.id);
  },
  variants(product, _args, { loaders }) {
    return loaders.variantsOfProduct.load(product.id);
  },
  related(product, args, { loaders }) {
    // An explicit `limit: null` skips the schema's default.
    const limit = args.limit ?? 8;
    if (limit < 1 || limit > RELATED_LIMIT.max) {
      throw new BadUserInputError(`limit must be between 1 and ${RELATED_LIMIT.max}; got ${limit}`, 'limit');
    }
    return loaders.relatedProducts.load({ productId: product.id, limit });
  },
};
