import { entityTag } from '../../../contracts/caching.js';
import { currencyOf, type MarketCode } from '../../../contracts/requestContext.js';
import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { SubgraphContext } from '../../shared/Subgraph.js';
import { updatePrice } from '../db.js';
import type { PricingLoaders } from '../loaders.js';
import { moneyOf, parseAmountCents, type Money } from '../money.js';

interface SetPriceInput {
  variantId: string;
  market: MarketCode;
  amount: string;
  compareAtAmount?: string | null;
}

/** A `VariantPrice` as the schema has it. */
export interface VariantPrice {
  variantId: string;
  market: string;
  price: Money;
  compareAtPrice: Money | null;
}

const AMOUNT_RULE = 'a positive decimal with up to 9 integer and 2 fraction digits, e.g. "19.99"';

/** Pricing's admin writes; `permissions.ts` lets only admins call them. */
export const Mutation = {
  async setPrice(
    _root: unknown,
    { input }: { input: SetPriceInput },
    { db, invalidate }: SubgraphContext<PricingLoaders>,
  ): Promise<VariantPrice> {
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
    invalidate(entityTag('ProductVariant', row.variant_id), entityTag('Product', row.product_id));
    return {
      variantId: String(row.variant_id),
      market: row.market,
      price: moneyOf(row.amount, row.currency),
      compareAtPrice: row.compare_at_amount === null ? null : moneyOf(row.compare_at_amount, row.currency),
    };
  },
};
