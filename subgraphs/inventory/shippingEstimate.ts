import { MARKETS, type MarketCode } from '../../contracts/requestContext.js';
import type { ResolversParentTypes } from './__generated__/resolvers.js';
import type { StockLevel } from './availability.js';

/** A `ShippingEstimate`, its warehouse a row. */
export type ShippingEstimate = ResolversParentTypes['ShippingEstimate'];

/** Shipping from the market's own warehouse. */
export const DOMESTIC_DAYS = { minDays: 1, maxDays: 3 } as const;
/** Shipping from another market's warehouse, across a border. */
export const CROSS_BORDER_DAYS = { minDays: 4, maxDays: 8 } as const;
/** Nothing in stock anywhere: the order waits for a delivery. */
export const BACKORDER_DAYS = { minDays: 10, maxDays: 20 } as const;

/** Extra days for heavy parcels: +1 above 5 kg, +2 above 15 kg; none when the weight is unknown. */
export function weightSurchargeDays(weightGrams: number | null): number {
  if (weightGrams === null) return 0;
  if (weightGrams > 15_000) return 2;
  if (weightGrams > 5_000) return 1;
  return 0;
}

/**
 * Reads the `weightGrams` the gateway put in an entity representation (from the catalog, via `@requires`).
 * Anything but a non-negative integer counts as unknown: a bad representation costs precision, not answers.
 */
export function parseWeightGrams(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * When an order placed now in `market` would arrive: from the market's own warehouse when it has stock of
 * the product, else from the first other warehouse with stock in MARKETS order, else as a backorder (no
 * warehouse); heavy parcels add days to both bounds.
 */
export function estimateShipping(
  levels: readonly StockLevel[],
  market: MarketCode,
  weightGrams: number | null,
): ShippingEstimate {
  const stocked = (code: string) => levels.find((level) => level.warehouse.code === code && level.inStock);
  const own = MARKETS.find((candidate) => candidate.code === market)?.warehouse;
  const domestic = own === undefined ? undefined : stocked(own);
  const crossBorder = domestic ? undefined : MARKETS.map((m) => stocked(m.warehouse)).find(Boolean);
  const days = domestic ? DOMESTIC_DAYS : crossBorder ? CROSS_BORDER_DAYS : BACKORDER_DAYS;
  const extra = weightSurchargeDays(weightGrams);
  return {
    minDays: days.minDays + extra,
    maxDays: days.maxDays + extra,
    warehouse: (domestic ?? crossBorder)?.warehouse ?? null,
  };
}
