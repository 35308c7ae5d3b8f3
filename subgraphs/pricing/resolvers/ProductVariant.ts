import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import type { PriceRow } from '../db.js';
import type { PricingLoaders } from '../loaders.js';
import { moneyOf, type Money } from '../money.js';

type Context = SubgraphContext<PricingLoaders>;

/** A variant as pricing knows it: its price in the request's market. */
export interface PricedVariant {
  id: string;
  price: PriceRow;
}

/** Price for a catalog variant (`ProductVariant @key(fields: "id")`), in the request's market. */
export const ProductVariant = {
  /** A variant without a price in the market is unknown here and answers null. */
  async __resolveReference(ref: { id: unknown }, { loaders }: Context): Promise<PricedVariant | null> {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const price = await loaders.priceByVariant.load(id);
    return price === null ? null : { id: String(id), price };
  },

  price(variant: PricedVariant): Money {
    return moneyOf(variant.price.amount, variant.price.currency);
  },

  compareAtPrice(variant: PricedVariant): Money | null {
    const { compare_at_amount: compareAt, currency } = variant.price;
    return compareAt === null ? null : moneyOf(compareAt, currency);
  },
};
