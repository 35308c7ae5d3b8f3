import { existingRow } from '../../shared/loaderBatch.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductVariantResolvers } from '../__generated__/resolvers.js';

/** One buyable version of a product. */
export const ProductVariant: ProductVariantResolvers = {
  __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    return id === null ? null : loaders.variantById.load(id);
  },
  options(variant, _args, { loaders }) {
    return loaders.optionsOfVariant.load(variant.id);
  },
  async product(variant, _args, { loaders }) {
    return existingRow(await loaders.productById.load(variant.productId), 'Product', variant.productId);
  },
};
