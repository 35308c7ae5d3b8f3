import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { ProductResolvers } from '../__generated__/resolvers.js';
import { publicWhenAnonymous } from '../anonymousHints.js';

export const Product: ProductResolvers = {
  /** The catalog owns products; this subgraph only adds wishlist state, so there is nothing to load. */
  __resolveReference(ref) {
    return ref;
  },
  /** False when anonymous and for ids no product can have; one statement per batch of products otherwise. */
  inWishlist(product, _args, ctx, info) {
    if (!ctx.request.viewer) return publicWhenAnonymous(info, false);
    const id = parseIntegerId(product.id);
    return id === null ? false : ctx.loaders.inViewerWishlist.load(id);
  },
};
