import type { CategoryTilesBlockResolvers } from '../__generated__/resolvers.js';

export const CategoryTilesBlock: CategoryTilesBlockResolvers = {
  title: (block) => block.data.title,
  /** References the gateway completes from the catalog, in the editor's order. */
  categories: (block) => block.data.category_ids.map((id) => ({ __typename: 'Category', id: String(id) })),
};
