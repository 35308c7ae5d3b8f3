import type { GraphQLResolveInfo } from 'graphql';
import { parseIntegerId } from '../../shared/loaderBatch.js';
import { publicWhenAnonymous } from '../anonymousHints.js';
import type { CustomerContext } from '../loaders.js';

type ProductReference = { id: string };

export const Product = {
  /** The catalog owns products; this subgraph only adds wishlist state, so there is nothing to load. */
  __resolveReference(ref: ProductReference): ProductReference {
    return ref;
  },
  /** False when anonymous and for ids no product can have; one statement per batch of products otherwise. */
  inWishlist(
    product: ProductReference,
    _args: unknown,
    ctx: CustomerContext,
    info: GraphQLResolveInfo,
  ): Promise<boolean> | boolean {
    if (!ctx.request.viewer) return publicWhenAnonymous(info, false);
    const id = parseIntegerId(product.id);
    return id === null ? false : ctx.loaders.inViewerWishlist.load(id);
  },
};
