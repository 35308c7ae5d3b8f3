import { parseIntegerId } from '../../shared/loaderBatch.js';
import type { CustomerContext } from '../loaders.js';

type ProductReference = { id: string };

export const Product = {
  /** The catalog owns products; this subgraph only adds wishlist state, so there is nothing to load. */
  __resolveReference(ref: ProductReference): ProductReference {
    return ref;
  },
  /** False when anonymous and for ids no product can have; one statement per batch of products otherwise. */
  inWishlist(product: ProductReference, _args: unknown, ctx: CustomerContext): Promise<boolean> | boolean {
    const id = parseIntegerId(product.id);
    return id === null ? false : ctx.loaders.inViewerWishlist.load(id);
  },
};
