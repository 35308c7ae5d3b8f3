import { entityTag } from '../../../contracts/caching.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import { isLocale, LOCALES } from '../../../contracts/requestContext.js';
import { BadUserInputError } from '../../shared/errors.js';
import type { MutationResolvers, PublishEditorialInput } from '../__generated__/resolvers.js';
import { upsertEditorial, type EditorialRow } from '../db.js';

/** The trimmed text if it has 1 to `max` characters (code points, as PostgreSQL counts), else an error. */
function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > max) {
    throw new BadUserInputError(`input.${field} must be 1 to ${max} characters.`, `input.${field}`);
  }
  return trimmed;
}

/** The input checked field by field; the error names the first bad field. */
function editorialOf(input: PublishEditorialInput): EditorialRow {
  const productId = parseIntegerId(input.productId);
  if (productId === null) {
    throw new BadUserInputError('input.productId must be a positive integer id.', 'input.productId');
  }
  if (!isLocale(input.locale)) {
    throw new BadUserInputError(`input.locale must be one of ${LOCALES.join(', ')}.`, 'input.locale');
  }
  return {
    productId,
    locale: input.locale,
    headline: text(input.headline, 'headline', 200),
    body: text(input.body, 'body', 10_000),
  };
}

/** Content's admin writes; `permissions.ts` lets only admins call them. */
export const Mutation: MutationResolvers = {
  /**
   * Upserts a product's editorial in one locale. The catalog owns products, so any well-formed product id is
   * accepted; copy for an id the catalog does not know is never shown.
   */
  async publishEditorial(_parent, args, ctx) {
    const editorial = await upsertEditorial(ctx.db, editorialOf(args.input));
    // A later read of this product's editorial in the same request must see the new copy.
    ctx.loaders.editorialByProduct.clear(editorial.productId);
    ctx.invalidate(entityTag('Product', editorial.productId));
    return editorial;
  },
};
