import type { BlockResolvers } from '../__generated__/resolvers.js';
import type { BlockKind } from '../db.js';

/** The GraphQL type of each stored block kind. */
const TYPE_OF_KIND = {
  hero: 'HeroBlock',
  rich_text: 'RichTextBlock',
  product_carousel: 'ProductCarouselBlock',
  category_tiles: 'CategoryTilesBlock',
} as const satisfies Record<BlockKind, string>;

export const Block: BlockResolvers = {
  __resolveType(block) {
    return TYPE_OF_KIND[block.kind];
  },
};
