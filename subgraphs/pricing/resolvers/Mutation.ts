import { entityTag } from '../../../contracts/caching.js';
import { currencyOf } from '../../../contracts/requestContext.js';
import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { MutationResolvers } from '../__generated__/resolvers.js';
import { updatePrice } from '../db.js';
import { moneyOf, parseAmountCents } from '../money.js';

const AMOUNT_RULE = 'a positive decimal with up to 9 integer and 2 fraction digits, e.g. "19.99"';

/** Pricing's admin writes; `permissions.ts` lets only admins call them. */
export const Mutation: MutationResolvers = {
  async setPrice(_root, { input }, { db, invalidate }) {
    const variantId = parseIntegerId(input.variantId);
    if (variantId === null) throw new BadUserInputError(`Unknown variant "${input.variantId}".`, 'variantId');
    const amountCents = parseAmountCents(input.amount);
    if (amountCents === null || amountCents <= 0) {
      throw new BadUserInputError(`amount must be ${AMOUNT_RULE}; got "${input.amount}".`, 'amount');
    }
    const compareAtAmount = input.compareAtAmount ?? null;
    if (compareAtAmount !== null) {
      const compareAtCents = parseAmountCents(compareAtAmount);
      if (compareAtCents === null || compareAtCents <= amountCents) {
        throw new BadUserInputError(
          `compareAtAmount must be ${AMOUNT_RULE} and above amount; got "${compareAtAmount}".`,
          'compareAtAmount',
        );
      }
    }
    const [row] = await updatePrice(db, {
      variantId,
      market: input.market,
      currency: currencyOf(input.market),
      amount: input.amount,
      compareAtAmount,
    });
    if (!row) throw new BadUserInputError(`Unknown variant "${input.variantId}".`, 'variantId');
    // The product's "from" price and range come from its variants' prices, so both answers are stale.
    invalidate(entityTag('ProductVariant', row.variantId), entityTag('Product', row.productId));
    return {
      variantId: row.variantId,
      market: row.market,
      price: moneyOf(row.amount, row.currency),
      compareAtPrice: row.compareAtAmount === null ? null : moneyOf(row.compareAtAmount, row.currency),
    };
  },
};
