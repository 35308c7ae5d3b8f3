import type { BlockRow } from '../db.js';

type Tiles = BlockRow<'category_tiles'>;

export const CategoryTilesBlock = {
  title: (block: Tiles): string => block.data.title,
  /** References the gateway completes from the catalog, in the editor's order. */
  categories: (block: Tiles): { __typename: 'Category'; id: string }[] =>
    block.data.category_ids.map((id) => ({ __typename: 'Category', id: String(id) })),
};
