import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductResolvers } from '../__generated__/resolvers.js';

/** The most reviews one product answers at a time. */
export const MAX_REVIEWS = 50;

/**
 * The catalog owns products; this subgraph adds copy, badges and reviews. Ids no product can have answer like
 * products without content, without a statement.
 */
export const Product: ProductResolvers = {
  __resolveReference(ref) {
    return ref;
  },
  editorial(product, _args, ctx) {
    const id = parseIntegerId(product.id);
    return id === null ? null : ctx.loaders.editorialByProduct.load(id);
  },
  badges(product, _args, ctx) {
    const id = parseIntegerId(product.id);
    return id === null ? [] : ctx.loaders.badgesByProduct.load(id);
  },
  reviewSummary(product, _args, ctx) {
    const id = parseIntegerId(product.id);
    return id === null
      ? { productId: 0, count: 0, averageRating: null }
      : ctx.loaders.reviewSummaryByProduct.load(id);
  },
  reviews(product, args, ctx) {
    // An explicit `first: null` skips the schema's default, and fails the range check like any other bad value.
    const first = args.first ?? NaN;
    if (!(first >= 1 && first <= MAX_REVIEWS)) {
      throw new BadUserInputError(`first must be between 1 and ${MAX_REVIEWS}.`, 'first');
    }
    const id = parseIntegerId(product.id);
    return id === null ? [] : ctx.loaders.reviewsByProduct.load({ productId: id, first });
  },
};
