import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductVariantResolvers } from '../__generated__/resolvers.js';
import type { PriceRow } from '../db.js';
import { moneyOf } from '../money.js';

/** A variant as pricing knows it: its price in the request's market. */
export interface PricedVariant {
  id: string;
  price: PriceRow;
}

/** Price for a catalog variant (`ProductVariant @key(fields: "id")`), in the request's market. */
export const ProductVariant: ProductVariantResolvers = {
  /** A variant without a price in the market is unknown here and answers null. */
  async __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const price = await loaders.priceByVariant.load(id);
    return price === null ? null : { id: String(id), price };
  },

  price(variant) {
    return moneyOf(variant.price.amount, variant.price.currency);
  },

  compareAtPrice(variant) {
    const { compareAtAmount, currency } = variant.price;
    return compareAtAmount === null ? null : moneyOf(compareAtAmount, currency);
  },
};
