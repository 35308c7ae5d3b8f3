import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import { availabilityOf, type Availability } from '../availability.js';
import type { StockRow } from '../db.js';
import type { InventoryLoaders } from '../loaders.js';

type Context = SubgraphContext<InventoryLoaders>;

/** A variant as inventory knows it: its stock rows. */
export interface InventoryVariant {
  id: string;
  stock: StockRow[];
}

/** Stock for a catalog variant (`ProductVariant @key(fields: "id")`). */
export const ProductVariant = {
  /** A variant with no stock rows is unknown here and answers null. */
  async __resolveReference(ref: { id: unknown }, { loaders }: Context): Promise<InventoryVariant | null> {
    const id = parseIntegerId(ref.id);
    if (id === null) return null;
    const stock = await loaders.stockByVariant.load(id);
    return stock.length === 0 ? null : { id: String(id), stock };
  },

  availability(variant: InventoryVariant): Availability {
    return availabilityOf(variant.stock);
  },
};
