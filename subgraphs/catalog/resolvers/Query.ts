import { BadUserInputError } from '../../shared/errors.js';
import { ROOT } from '../categoryDb.js';
import { parseCatalogId } from '../ids.js';
import { loadConnection } from '../listing/connection.js';
import { toListingRequest, type ListingArgs } from '../listing/listingRequest.js';
import type { CatalogContext } from '../loaders.js';

/** Entry points: single products, categories and brands by their public handles, and the product listing. */
export const Query = {
  product(_root: unknown, args: { id?: string | null; slug?: string | null }, { loaders }: CatalogContext) {
    if ((args.id == null) === (args.slug == null)) {
      throw new BadUserInputError('Give exactly one of id and slug.', args.id == null ? 'id' : 'slug');
    }
    if (args.slug != null) return loaders.productBySlug.load(args.slug);
    // An id that cannot be a catalog id names no product: null, as for an unknown one.
    const id = parseCatalogId(args.id);
    return id === null ? null : loaders.productById.load(id);
  },
  category(_root: unknown, args: { slug: string }, { loaders }: CatalogContext) {
    return loaders.categoryBySlug.load(args.slug);
  },
  departments(_root: unknown, _args: unknown, { loaders }: CatalogContext) {
    return loaders.categoryChildren.load(ROOT);
  },
  brand(_root: unknown, args: { slug: string }, { loaders }: CatalogContext) {
    return loaders.brandBySlug.load(args.slug);
  },
  products(_root: unknown, args: ListingArgs, { loaders }: CatalogContext) {
    return loadConnection(loaders.productListing, toListingRequest(args));
  },
};
