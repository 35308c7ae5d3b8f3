import { entityTag } from '../../../contracts/caching.js';
import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { MutationResolvers } from '../__generated__/resolvers.js';
import { stockLevelOf } from '../availability.js';
import { adjustStock, stockTargetExists } from '../db.js';

/** The largest change one `adjustStock` may make either way; anything larger is likelier a typo. */
export const MAX_STOCK_DELTA = 100_000;

/** Inventory's admin writes; `permissions.ts` lets only admins call them. */
export const Mutation: MutationResolvers = {
  async adjustStock(_root, { variantId, warehouseCode, delta }, { db, invalidate }) {
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
      invalidate(entityTag('ProductVariant', updated.variantId), entityTag('Product', updated.productId));
      return stockLevelOf(updated);
    }
    // Nothing changed: find out which argument was wrong (this statement runs only on the error path).
    const [target] = await stockTargetExists(db, id, warehouseCode);
    if (!target?.variantKnown) throw new BadUserInputError(`Unknown variant "${variantId}".`, 'variantId');
    if (!target.warehouseKnown) {
      throw new BadUserInputError(`Unknown warehouse "${warehouseCode}".`, 'warehouseCode');
    }
    throw new BadUserInputError(`A delta of ${delta} would take the stock below zero.`, 'delta');
  },
};
