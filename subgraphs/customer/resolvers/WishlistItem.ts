import type { WishlistItemRow } from '../db.js';

export const WishlistItem = {
  /** A reference the gateway completes from the catalog. */
  product(item: WishlistItemRow): { __typename: 'Product'; id: string } {
    return { __typename: 'Product', id: String(item.productId) };
  },
};
