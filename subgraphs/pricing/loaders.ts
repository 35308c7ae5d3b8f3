import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { rowsGroupedByKey } from '../shared/loaderBatch.js';
import {
  activePromotionsOfProducts,
  pricesOfProducts,
  pricesOfVariants,
  type PriceRow,
  type PromotionRow,
} from './db.js';

/** Pricing's per-request loaders, all for the request's market; each batch runs one statement. */
export interface PricingLoaders {
  /** Every variant price of a product, cheapest first; [] for a product without prices in the market. */
  pricesByProduct: DataLoader<number, PriceRow[]>;
  /** A variant's price; null for a variant without a price in the market. */
  priceByVariant: DataLoader<number, PriceRow | null>;
  /** Promotions running now that include a product, biggest first. */
  promotionsByProduct: DataLoader<number, PromotionRow[]>;
}

/**
 * Makes the loaders for one request. Every price and promotion is of the request's market, read when a batch
 * runs: only an answer that loads prices depends on the market.
 */
export function createLoaders(db: Database, request: Readonly<RequestContext>): PricingLoaders {
  return {
    pricesByProduct: new DataLoader(async (ids) =>
      rowsGroupedByKey(ids, await pricesOfProducts(db, ids, request.market), (row) => row.product_id),
    ),
    priceByVariant: new DataLoader(async (ids) =>
      rowsGroupedByKey(ids, await pricesOfVariants(db, ids, request.market), (row) => row.variant_id).map(
        ([row]) => row ?? null,
      ),
    ),
    promotionsByProduct: new DataLoader(async (ids) =>
      rowsGroupedByKey(
        ids,
        await activePromotionsOfProducts(db, ids, request.market),
        (row) => row.product_id,
      ),
    ),
  };
}
