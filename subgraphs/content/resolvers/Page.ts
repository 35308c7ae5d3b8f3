import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { PageResolvers } from '../__generated__/resolvers.js';

export const Page: PageResolvers = {
  __resolveReference(ref, ctx) {
    const id = parseIntegerId(ref.id);
    return id === null ? null : ctx.loaders.pageById.load(id);
  },
  /** Per position, the block for the viewer's segment, else the default one. */
  blocks(page, _args, ctx) {
    return ctx.loaders.blocksByPage.load(page.id);
  },
};
