import type { BlockKind, BlockRow } from '../db.js';

/** The GraphQL type of each stored block kind. */
const TYPE_OF_KIND: Record<BlockKind, string> = {
  hero: 'HeroBlock',
  rich_text: 'RichTextBlock',
  product_carousel: 'ProductCarouselBlock',
  category_tiles: 'CategoryTilesBlock',
};

export const Block = {
  __resolveType(block: BlockRow): string {
    return TYPE_OF_KIND[block.kind];
  },
};
