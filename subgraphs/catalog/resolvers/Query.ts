import { BadUserInputError } from '../../shared/errors.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { QueryResolvers } from '../__generated__/resolvers.js';
import { ROOT } from '../categoryDb.js';
import { loadConnection } from '../listing/connection.js';
import { toListingRequest } from '../listing/listingRequest.js';

/** Entry points: single products, categories and brands by their public handles, and the product listing. */
export const Query: QueryResolvers = {
  product(_root, args, { loaders }) {
    if ((args.id == null) === (args.slug == null)) {
      throw new BadUserInputError('Give exactly one of id and slug.', args.id == null ? 'id' : 'slug');
    }
    if (args.slug != null) return loaders.productBySlug.load(args.slug);
    // An id that cannot be a catalog id names no product: null, as for an unknown one.
    const id = parseIntegerId(args.id);
    return id === null ? null : loaders.productById.load(id);
  },
  category(_root, args, { loaders }) {
    return loaders.categoryBySlug.load(args.slug);
  },
  departments(_root, _args, { loaders }) {
    return loaders.categoryChildren.load(ROOT);
  },
  brand(_root, args, { loaders }) {
    return loaders.brandBySlug.load(args.slug);
  },
  products(_root, args, { loaders }) {
    return loadConnection(loaders.productListing, toListingRequest(args));
  },
};
