import type { CurrencyCode, MarketCode } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';

/** One variant's price in one market; amounts are decimal strings with two fraction digits ("19.99"). */
export type PriceRow = {
  productId: number;
  variantId: number;
  market: MarketCode;
  currency: CurrencyCode;
  amount: string;
  compareAtAmount: string | null;
};

/** A promotion that includes `productId`; times are ISO 8601 in UTC. */
export type PromotionRow = {
  productId: number;
  id: number;
  title: string;
  percentOff: number;
  startsAt: string;
  endsAt: string;
};

const PRICE_COLUMNS = `product_id AS "productId", variant_id AS "variantId", market, currency, amount::text AS amount,
  compare_at_amount::text AS "compareAtAmount"`;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** The prices of every variant of the given products in `market`, cheapest first (ties by variant). */
export async function pricesOfProducts(
  db: Database,
  productIds: readonly number[],
  market: string,
): Promise<PriceRow[]> {
  return db.query<PriceRow>(
    // p.amount is the numeric column; a bare `amount` would sort the text alias and put 100 before 89.
    `SELECT ${PRICE_COLUMNS} FROM pricing.price p
     WHERE p.product_id = ANY($1::int[]) AND p.market = $2::text
     ORDER BY p.product_id, p.amount, p.variant_id`,
    [productIds, market],
  );
}

/** The prices of the given variants in `market`. */
export async function pricesOfVariants(
  db: Database,
  variantIds: readonly number[],
  market: string,
): Promise<PriceRow[]> {
  return db.query<PriceRow>(
    `SELECT ${PRICE_COLUMNS} FROM pricing.price WHERE variant_id = ANY($1::int[]) AND market = $2::text`,
    [variantIds, market],
  );
}

/** Promotions of `market` running now (`starts_at <= now() < ends_at`) with the products, biggest first. */
export async function activePromotionsOfProducts(
  db: Database,
  productIds: readonly number[],
  market: string,
): Promise<PromotionRow[]> {
  return db.query<PromotionRow>(
    `SELECT pp.product_id AS "productId", p.id, p.title, p.percent_off AS "percentOff",
       to_char(p.starts_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "startsAt",
       to_char(p.ends_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "endsAt"
     FROM pricing.promotion_product pp JOIN pricing.promotion p ON p.id = pp.promotion_id
     WHERE pp.product_id = ANY($1::int[]) AND p.market = $2::text
       AND p.starts_at <= now() AND now() < p.ends_at
     ORDER BY p.percent_off DESC, p.id`,
    [productIds, market],
  );
}

/** A new price for one variant in one market. */
export type PriceUpdate = Omit<PriceRow, 'productId'>;

/**
 * Replaces a variant's price in one market.
 * @returns the updated row, or none for a variant without a price in that market.
 */
export async function updatePrice(db: Database, update: PriceUpdate): Promise<PriceRow[]> {
  return db.query<PriceRow>(
    `UPDATE pricing.price
     SET currency = $3::text, amount = $4::numeric, compare_at_amount = $5::numeric, updated_at = now()
     WHERE variant_id = $1::int AND market = $2::text
     RETURNING ${PRICE_COLUMNS}`,
    [update.variantId, update.market, update.currency, update.amount, update.compareAtAmount],
  );
}
