import type { CategoryRow } from '../categoryDb.js';
import { parseCatalogId } from '../ids.js';
import { loadConnection } from '../listing/connection.js';
import { toListingRequest, type ListingArgs } from '../listing/listingRequest.js';
import type { CatalogContext } from '../loaders.js';

/** A node of the category tree; its product listing covers its whole subtree. */
export const Category = {
  __resolveReference(ref: { id?: unknown }, { loaders }: CatalogContext) {
    const id = parseCatalogId(ref.id);
    return id === null ? null : loaders.categoryById.load(id);
  },
  parent(category: CategoryRow, _args: unknown, { loaders }: CatalogContext) {
    return category.parentId === null ? null : loaders.categoryById.load(category.parentId);
  },
  children(category: CategoryRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.categoryChildren.load(category.id);
  },
  ancestors(category: CategoryRow, _args: unknown, { loaders }: CatalogContext) {
    return loaders.categoryAncestors.load(category.id);
  },
  products(category: CategoryRow, args: ListingArgs, { loaders }: CatalogContext) {
    return loadConnection(loaders.productListing, toListingRequest(args, category.id));
  },
};
