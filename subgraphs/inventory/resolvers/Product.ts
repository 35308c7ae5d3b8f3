import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import { availabilityOf, type Availability } from '../availability.js';
import type { StockRow } from '../db.js';
import type { InventoryLoaders } from '../loaders.js';
import { estimateShipping, parseWeightGrams, type ShippingEstimate } from '../shippingEstimate.js';

type Context = SubgraphContext<InventoryLoaders>;

/** What the gateway sends: the key, plus the catalog's `weightGrams` when `shippingEstimate` is asked for. */
interface ProductRepresentation {
  id: unknown;
  weightGrams?: unknown;
}

/** A product as inventory knows it: its stock rows and the weight the gateway passed along. */
export interface InventoryProduct {
  id: string;
  stock: StockRow[];
  weightGrams: number | null;
}

/** Stock and shipping for a catalog product (`Product @key(fields: "id")`). */
export const Product = {
  /** A product with no stock rows is unknown here and answers null. */
  async __resolveReference(
    ref: ProductRepresentation,
    { loaders }: Context,
  ): Promise<InventoryProduct | null> {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const stock = await loaders.stockByProduct.load(id);
    if (stock.length === 0) return null;
    return { id: String(id), stock, weightGrams: parseWeightGrams(ref.weightGrams) };
  },

  availability(product: InventoryProduct): Availability {
    return availabilityOf(product.stock);
  },

  // Uses the rows __resolveReference loaded: no statement of its own.
  shippingEstimate(product: InventoryProduct, _args: unknown, { request }: Context): ShippingEstimate {
    return estimateShipping(availabilityOf(product.stock).warehouses, request.market, product.weightGrams);
  },
};
