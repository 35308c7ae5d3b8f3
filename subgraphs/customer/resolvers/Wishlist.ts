import type { WishlistResolvers } from '../__generated__/resolvers.js';

/** A wishlist is known by its owner; items and count come from the same loader entry. */
export type WishlistOwner = { customerId: number };

export const Wishlist: WishlistResolvers = {
  items(wishlist, _args, ctx) {
    return ctx.loaders.wishlistByCustomer.load(wishlist.customerId);
  },
  async count(wishlist, _args, ctx) {
    return (await ctx.loaders.wishlistByCustomer.load(wishlist.customerId)).length;
  },
};
