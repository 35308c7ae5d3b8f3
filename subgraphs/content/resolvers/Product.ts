import { parseIntegerId } from '../../shared/loaderBatch.js';
import { BadUserInputError } from '../../shared/errors.js';
import { type BadgeRow, type EditorialRow, type ReviewRow, type ReviewSummaryRow } from '../db.js';
import type { ContentContext } from '../loaders.js';

type ProductReference = { id: string };

/** The most reviews one product answers at a time. */
export const MAX_REVIEWS = 50;

/**
 * The catalog owns products; this subgraph adds copy, badges and reviews. Ids no product can have answer like
 * products without content, without a statement.
 */
export const Product = {
  __resolveReference(ref: ProductReference): ProductReference {
    return ref;
  },
  editorial(
    product: ProductReference,
    _args: unknown,
    ctx: ContentContext,
  ): Promise<EditorialRow | null> | null {
    const id = parseIntegerId(product.id);
    return id === null ? null : ctx.loaders.editorialByProduct.load(id);
  },
  badges(product: ProductReference, _args: unknown, ctx: ContentContext): Promise<BadgeRow[]> | BadgeRow[] {
    const id = parseIntegerId(product.id);
    return id === null ? [] : ctx.loaders.badgesByProduct.load(id);
  },
  reviewSummary(
    product: ProductReference,
    _args: unknown,
    ctx: ContentContext,
  ): Promise<ReviewSummaryRow> | ReviewSummaryRow {
    const id = parseIntegerId(product.id);
    return id === null
      ? { productId: 0, count: 0, averageRating: null }
      : ctx.loaders.reviewSummaryByProduct.load(id);
  },
  reviews(
    product: ProductReference,
    args: { first: number },
    ctx: ContentContext,
  ): Promise<ReviewRow[]> | ReviewRow[] {
    if (!(args.first >= 1 && args.first <= MAX_REVIEWS)) {
      throw new BadUserInputError(`first must be between 1 and ${MAX_REVIEWS}.`, 'first');
    }
    const id = parseIntegerId(product.id);
    return id === null ? [] : ctx.loaders.reviewsByProduct.load({ productId: id, first: args.first });
  },
};
