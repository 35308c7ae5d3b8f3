import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import type { PriceRow } from '../db.js';
import type { PricingLoaders } from '../loaders.js';
import { moneyOf, type Money } from '../money.js';

type Context = SubgraphContext<PricingLoaders>;

/** A product as pricing knows it: its variant prices in the request's market, cheapest first. */
export interface PricedProduct {
  id: string;
  prices: PriceRow[];
}

/** A `Promotion` as the schema has it. */
export interface Promotion {
  id: string;
  title: string;
  percentOff: number;
  startsAt: string;
  endsAt: string;
}

const priceOf = (row: PriceRow): Money => moneyOf(row.amount, row.currency);

// `prices` is never empty: __resolveReference answers null for a product without prices.
const cheapest = (product: PricedProduct): PriceRow => product.prices[0] as PriceRow;
const dearest = (product: PricedProduct): PriceRow => product.prices[product.prices.length - 1] as PriceRow;

/** Prices and promotions for a catalog product (`Product @key(fields: "id")`), in the request's market. */
export const Product = {
  /** A product without prices in the market is unknown here and answers null. */
  async __resolveReference(ref: { id: unknown }, { loaders }: Context): Promise<PricedProduct | null> {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const prices = await loaders.pricesByProduct.load(id);
    return prices.length === 0 ? null : { id: String(id), prices };
  },

  /** The "from" price: the cheapest variant's. */
  price(product: PricedProduct): Money {
    return priceOf(cheapest(product));
  },

  /** The cheapest variant's former price, so the pair shown together belongs together. */
  compareAtPrice(product: PricedProduct): Money | null {
    const row = cheapest(product);
    return row.compare_at_amount === null ? null : moneyOf(row.compare_at_amount, row.currency);
  },

  priceRange(product: PricedProduct): { min: Money; max: Money } {
    return { min: priceOf(cheapest(product)), max: priceOf(dearest(product)) };
  },

  async promotions(product: PricedProduct, _args: unknown, { loaders }: Context): Promise<Promotion[]> {
    const rows = await loaders.promotionsByProduct.load(Number(product.id));
    return rows.map((row) => ({
      id: String(row.id),
      title: row.title,
      percentOff: row.percent_off,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    }));
  },
};
