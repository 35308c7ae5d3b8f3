import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { CategoryResolvers } from '../__generated__/resolvers.js';
import { loadConnection } from '../listing/connection.js';
import { toListingRequest } from '../listing/listingRequest.js';

/** A node of the category tree; its product listing covers its whole subtree. */
export const Category: CategoryResolvers = {
  __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    return id === null ? null : loaders.categoryById.load(id);
  },
  parent(category, _args, { loaders }) {
    return category.parentId === null ? null : loaders.categoryById.load(category.parentId);
  },
  children(category, _args, { loaders }) {
    return loaders.categoryChildren.load(category.id);
  },
  ancestors(category, _args, { loaders }) {
    return loaders.categoryAncestors.load(category.id);
  },
  products(category, args, { loaders }) {
    return loadConnection(loaders.productListing, toListingRequest(args, category.id));
  },
};
