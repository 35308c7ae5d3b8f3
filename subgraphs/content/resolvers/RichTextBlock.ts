import type { RichTextBlockResolvers } from '../__generated__/resolvers.js';

export const RichTextBlock: RichTextBlockResolvers = {
  /** Stored already sanitised: only editors write blocks. */
  html: (block) => block.data.html,
};
