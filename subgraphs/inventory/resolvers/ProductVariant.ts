import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductVariantResolvers } from '../__generated__/resolvers.js';
import { availabilityOf } from '../availability.js';
import type { StockRow } from '../db.js';

/** A variant as inventory knows it: its stock rows. */
export interface InventoryVariant {
  id: string;
  stock: StockRow[];
}

/** Stock for a catalog variant (`ProductVariant @key(fields: "id")`). */
export const ProductVariant: ProductVariantResolvers = {
  /** A variant with no stock rows is unknown here and answers null. */
  async __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const stock = await loaders.stockByVariant.load(id);
    return stock.length === 0 ? null : { id: String(id), stock };
  },

  availability(variant) {
    return availabilityOf(variant.stock);
  },
};
