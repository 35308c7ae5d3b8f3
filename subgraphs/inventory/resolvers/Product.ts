import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductResolvers } from '../__generated__/resolvers.js';
import { availabilityOf } from '../availability.js';
import type { StockRow } from '../db.js';
import { estimateShipping, parseWeightGrams } from '../shippingEstimate.js';

/** A product as inventory knows it: its stock rows and the weight the gateway passed along. */
export interface InventoryProduct {
  id: string;
  stock: StockRow[];
  weightGrams: number | null;
}

/**
 * Stock and shipping for a catalog product (`Product @key(fields: "id")`). The gateway sends the key, plus the
 * catalog's `weightGrams` when `shippingEstimate` is asked for.
 */
export const Product: ProductResolvers = {
  /** A product with no stock rows is unknown here and answers null. */
  async __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const stock = await loaders.stockByProduct.load(id);
    if (stock.length === 0) return null;
    return { id: String(id), stock, weightGrams: parseWeightGrams(ref.weightGrams) };
  },

  availability(product) {
    return availabilityOf(product.stock);
  },

  // Uses the rows __resolveReference loaded: no statement of its own.
  shippingEstimate(product, _args, { request }) {
    return estimateShipping(availabilityOf(product.stock).warehouses, request.market, product.weightGrams);
  },
};
