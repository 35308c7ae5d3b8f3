import type { WishlistItemResolvers } from '../__generated__/resolvers.js';

export const WishlistItem: WishlistItemResolvers = {
  /** A reference the gateway completes from the catalog. */
  product(item) {
    return { __typename: 'Product', id: String(item.productId) };
  },
};
