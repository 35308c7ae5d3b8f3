import type { ProductCarouselBlockResolvers } from '../__generated__/resolvers.js';

export const ProductCarouselBlock: ProductCarouselBlockResolvers = {
  title: (block) => block.data.title,
  /** References the gateway completes from the catalog, in the editor's order. */
  products: (block) => block.data.product_ids.map((id) => ({ __typename: 'Product', id: String(id) })),
};
