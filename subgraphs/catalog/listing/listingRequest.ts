import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import { decodeCursor, type CursorPosition, type ProductSort } from './cursor.js';

/** The page size when the caller gives none, and the most a caller may ask for. */
export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 100;

const TEXT_LENGTH = { min: 2, max: 100 } as const;

/** The arguments of `Query.products` and `Category.products`, as GraphQL hands them over. */
export interface ListingArgs {
  first?: number | null;
  after?: string | null;
  sort?: ProductSort | null;
  filter?: { categoryId?: string | null; brandId?: string | null; text?: string | null } | null;
}

/** A validated listing request: one page of one filtered, sorted product list. */
export interface ListingRequest {
  sort: ProductSort;
  /** Products in this category or below it; null for the whole catalog. */
  categoryId: number | null;
  brandId: number | null;
  /** Trimmed words that must all match; null for no text filter. */
  text: string | null;
  first: number;
  /** Where the previous page ended; null for the first page. */
  after: CursorPosition | null;
}

/**
 * Checks listing arguments and turns them into a request, or throws `BAD_USER_INPUT` naming the argument.
 * `categoryId` is the category a `Category.products` field belongs to; it wins over any filter value.
 */
export function toListingRequest(args: ListingArgs, categoryId?: number): ListingRequest {
  const sort = args.sort ?? 'FEATURED';
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${first}`, 'first');
  }
  let after: CursorPosition | null = null;
  if (args.after != null) {
    after = decodeCursor(args.after, sort);
    if (!after) throw new BadUserInputError(`invalid cursor for sort ${sort}: ${args.after}`, 'after');
  }
  const filter = args.filter ?? {};
  return {
    sort,
    categoryId: categoryId ?? filterId(filter.categoryId, 'categoryId'),
    brandId: filterId(filter.brandId, 'brandId'),
    text: filterText(filter.text),
    first,
    after,
  };
}

function filterId(id: string | null | undefined, field: string): number | null {
  if (id == null) return null;
  const parsed = parseIntegerId(id);
  if (parsed === null) throw new BadUserInputError(`filter.${field} "${id}" is not a catalog id`, 'filter');
  return parsed;
}

function filterText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const trimmed = text.trim();
  if (trimmed.length < TEXT_LENGTH.min || trimmed.length > TEXT_LENGTH.max) {
    throw new BadUserInputError(
      `filter.text must be ${TEXT_LENGTH.min} to ${TEXT_LENGTH.max} characters after trimming; got ${trimmed.length}`,
      'filter',
    );
  }
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail the statement.
  if (trimmed.includes('\u0000')) throw new BadUserInputError('filter.text must not contain NUL', 'filter');
  return trimmed;
}
