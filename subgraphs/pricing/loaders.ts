import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { groupLoader, rowLoader } from '../shared/loaderBatch.js';
import type { SubgraphContext } from '../shared/Subgraph.js';
import { activePromotionsOfProducts, pricesOfProducts, pricesOfVariants } from './db.js';

/**
 * The pricing subgraph's loaders for one request, all for the request's market; each batch runs one statement.
 * The market is read when a batch runs: only an answer that loads prices depends on it.
 */
export function createLoaders(db: Database, request: Readonly<RequestContext>) {
  return {
    /** Every variant price of a product, cheapest first; [] for a product without prices in the market. */
    pricesByProduct: groupLoader(
      db,
      (db, ids: readonly number[]) => pricesOfProducts(db, ids, request.market),
      (row) => row.productId,
    ),
    /** A variant's price; null for a variant without a price in the market. */
    priceByVariant: rowLoader(
      db,
      (db, ids: readonly number[]) => pricesOfVariants(db, ids, request.market),
      (row) => row.variantId,
    ),
    /** Promotions running now that include a product, biggest first. */
    promotionsByProduct: groupLoader(
      db,
      (db, ids: readonly number[]) => activePromotionsOfProducts(db, ids, request.market),
      (row) => row.productId,
    ),
  };
}

export type PricingLoaders = ReturnType<typeof createLoaders>;

/** What every pricing resolver receives as its context. */
export type PricingContext = SubgraphContext<PricingLoaders>;
