import type { BlockRow } from '../db.js';

export const RichTextBlock = {
  /** Stored already sanitised: only editors write blocks. */
  html: (block: BlockRow<'rich_text'>): string => block.data.html,
};
