import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductResolvers } from '../__generated__/resolvers.js';
import type { PriceRow } from '../db.js';
import { moneyOf } from '../money.js';

/** A product as pricing knows it: its variant prices in the request's market, cheapest first. */
export interface PricedProduct {
  id: string;
  prices: PriceRow[];
}

const priceOf = (row: PriceRow) => moneyOf(row.amount, row.currency);

// `prices` is never empty: __resolveReference answers null for a product without prices.
const cheapest = (product: PricedProduct): PriceRow => product.prices[0] as PriceRow;
const dearest = (product: PricedProduct): PriceRow => product.prices[product.prices.length - 1] as PriceRow;

/** Prices and promotions for a catalog product (`Product @key(fields: "id")`), in the request's market. */
export const Product: ProductResolvers = {
  /** A product without prices in the market is unknown here and answers null. */
  async __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const prices = await loaders.pricesByProduct.load(id);
    return prices.length === 0 ? null : { id: String(id), prices };
  },

  /** The "from" price: the cheapest variant's. */
  price(product) {
    return priceOf(cheapest(product));
  },

  /** The cheapest variant's former price, so the pair shown together belongs together. */
  compareAtPrice(product) {
    const row = cheapest(product);
    return row.compareAtAmount === null ? null : moneyOf(row.compareAtAmount, row.currency);
  },

  priceRange(product) {
    return { min: priceOf(cheapest(product)), max: priceOf(dearest(product)) };
  },

  promotions(product, _args, { loaders }) {
    return loaders.promotionsByProduct.load(Number(product.id));
  },
};
