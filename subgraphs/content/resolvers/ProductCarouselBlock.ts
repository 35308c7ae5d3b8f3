import type { BlockRow } from '../db.js';

type Carousel = BlockRow<'product_carousel'>;

export const ProductCarouselBlock = {
  title: (block: Carousel): string => block.data.title,
  /** References the gateway completes from the catalog, in the editor's order. */
  products: (block: Carousel): { __typename: 'Product'; id: string }[] =>
    block.data.product_ids.map((id) => ({ __typename: 'Product', id: String(id) })),
};
