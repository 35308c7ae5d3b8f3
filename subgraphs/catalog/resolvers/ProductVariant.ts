import type { VariantRow } from '../variantDb.js';
import { parseCatalogId } from '../ids.js';
import type { CatalogContext } from '../loaders.js';

/** One buyable version of a product. */
export const ProductVariant = {
  __resolveReference(ref: { id?: unknown }, { loaders }: CatalogContext) {
    const id = parseCatalogId(ref.id);
    return id === null ? null : loaders.variantById.load(id);
  },
  options(variant: VariantRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.optionsOfVariant.load(variant.id);
  },
  product(variant: VariantRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.productById.load(variant.productId);
  },
};
