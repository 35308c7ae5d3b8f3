import { parseIntegerId } from '../../shared/loaderBatch.js';
import { type BlockRow, type PageRow } from '../db.js';
import type { ContentContext } from '../loaders.js';

type PageReference = { id: string };

export const Page = {
  __resolveReference(ref: PageReference, ctx: ContentContext): Promise<PageRow | null> | null {
    const id = parseIntegerId(ref.id);
    return id === null ? null : ctx.loaders.pageById.load(id);
  },
  /** Per position, the block for the viewer's segment, else the default one. */
  blocks(page: PageRow, _args: unknown, ctx: ContentContext): Promise<BlockRow[]> {
    return ctx.loaders.blocksByPage.load(page.id);
  },
};
