import type { Resolvers } from '../__generated__/resolvers.js';
import { Block } from './Block.js';
import { Category } from './Category.js';
import { CategoryTilesBlock } from './CategoryTilesBlock.js';
import { HeroBlock } from './HeroBlock.js';
import { Mutation } from './Mutation.js';
import { Page } from './Page.js';
import { Product } from './Product.js';
import { ProductCarouselBlock } from './ProductCarouselBlock.js';
import { Query } from './Query.js';
import { RichTextBlock } from './RichTextBlock.js';

/** The content subgraph's resolver map; types not listed here use default resolvers. */
export const resolvers: Resolvers = {
  Query,
  Mutation,
  Page,
  Block,
  HeroBlock,
  RichTextBlock,
  ProductCarouselBlock,
  CategoryTilesBlock,
  Product,
  Category,
};
