import type { WishlistItemRow } from '../db.js';
import type { CustomerContext } from '../loaders.js';

/** A wishlist is known by its owner; items and count come from the same loader entry. */
export type WishlistParent = { customerId: number };

export const Wishlist = {
  items(wishlist: WishlistParent, _args: unknown, ctx: CustomerContext): Promise<WishlistItemRow[]> {
    return ctx.loaders.wishlistByCustomer.load(wishlist.customerId);
  },
  async count(wishlist: WishlistParent, _args: unknown, ctx: CustomerContext): Promise<number> {
    return (await ctx.loaders.wishlistByCustomer.load(wishlist.customerId)).length;
  },
};
