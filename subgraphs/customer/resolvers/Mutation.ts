import { entityTag, viewerTag } from '../../../contracts/caching.js';
import { parseIntegerId } from '../../shared/parseIntegerId.js';
import { BadUserInputError, UnauthenticatedError } from '../../shared/errors.js';
import type { MutationResolvers } from '../__generated__/resolvers.js';
import { deleteWishlistItem, insertWishlistItem, lockWishlist } from '../db.js';
import type { CustomerContext } from '../loaders.js';
import { requireViewerCustomerId } from '../permissions.js';
import type { WishlistOwner } from './Wishlist.js';

/** The most products one wishlist holds. */
export const WISHLIST_LIMIT = 100;

/**
 * The product id as stored. Whether the product exists is the catalog's to know, not this subgraph's: any
 * well-formed id is accepted, and an id the catalog does not know resolves to null at the gateway.
 */
function productIdArgument(value: string): number {
  const id = parseIntegerId(value);
  if (id === null) throw new BadUserInputError('productId must be a positive integer id.', 'productId');
  return id;
}

/**
 * Forgets what this request's loaders hold for the changed wishlist, so the answer reads the write, and declares
 * the change to the gateway.
 */
function changedWishlist(ctx: CustomerContext, customerId: number, productId: number): WishlistOwner {
  ctx.loaders.wishlistByCustomer.clear(customerId);
  ctx.loaders.inViewerWishlist.clear(productId);
  // Stale at the gateway: the customer's own answers (wishlist, counts) and the product's wishlist state.
  ctx.invalidate(viewerTag(String(customerId)), entityTag('Product', productId));
  return { customerId };
}

export const Mutation: MutationResolvers = {
  async addToWishlist(_parent, args, ctx) {
    const customerId = requireViewerCustomerId(ctx.request);
    const productId = productIdArgument(args.productId);
    await ctx.db.transaction(async (tx) => {
      // The customer's row stays locked until commit, so two concurrent adds cannot pass the cap together.
      const state = await lockWishlist(tx, customerId, productId);
      if (!state) throw new UnauthenticatedError('Sign in as a customer to do this.');
      if (state.present) return;
      if (state.count >= WISHLIST_LIMIT) {
        throw new BadUserInputError(`A wishlist holds at most ${WISHLIST_LIMIT} products.`, 'productId');
      }
      await insertWishlistItem(tx, customerId, productId);
    });
    return changedWishlist(ctx, customerId, productId);
  },

  async removeFromWishlist(_parent, args, ctx) {
    const customerId = requireViewerCustomerId(ctx.request);
    const productId = productIdArgument(args.productId);
    await deleteWishlistItem(ctx.db, customerId, productId);
    return changedWishlist(ctx, customerId, productId);
  },
};
