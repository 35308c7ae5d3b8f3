import { entityTag } from '../../../contracts/caching.js';
import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import { stockLevelOf, type StockLevel } from '../availability.js';
import { adjustStock, stockTargetExists } from '../db.js';
import type { InventoryLoaders } from '../loaders.js';

/** The largest change one `adjustStock` may make either way; anything larger is likelier a typo. */
export const MAX_STOCK_DELTA = 100_000;

interface AdjustStockArgs {
  variantId: string;
  warehouseCode: string;
  delta: number;
}

/** Inventory's admin writes; `permissions.ts` lets only admins call them. */
export const Mutation = {
  async adjustStock(
    _root: unknown,
    { variantId, warehouseCode, delta }: AdjustStockArgs,
    { db, invalidate }: SubgraphContext<InventoryLoaders>,
  ): Promise<StockLevel> {
    const id = parseIntegerId(variantId);
    if (id === null) throw new BadUserInputError(`Unknown variant "${variantId}".`, 'variantId');
    if (delta === 0 || Math.abs(delta) > MAX_STOCK_DELTA) {
      throw new BadUserInputError(
        `delta must be a non-zero integer between -${MAX_STOCK_DELTA} and ${MAX_STOCK_DELTA}; got ${delta}.`,
        'delta',
      );
    }
    const [updated] = await adjustStock(db, id, warehouseCode, delta);
    if (updated) {
      // A product's availability sums its variants' stock, so both answers are stale.
      invalidate(entityTag('ProductVariant', updated.variant_id), entityTag('Product', updated.product_id));
      return stockLevelOf(updated);
    }
    // Nothing changed: find out which argument was wrong (this statement runs only on the error path).
    const [target] = await stockTargetExists(db, id, warehouseCode);
    if (!target?.variant_known) throw new BadUserInputError(`Unknown variant "${variantId}".`, 'variantId');
    if (!target.warehouse_known) {
      throw new BadUserInputError(`Unknown warehouse "${warehouseCode}".`, 'warehouseCode');
    }
    throw new BadUserInputError(`A delta of ${delta} would take the stock below zero.`, 'delta');
  },
};
