import type { PageRow } from '../db.js';
import type { ContentContext } from '../loaders.js';

export const Query = {
  /** The page in the request's locale, else in en-US; null for an unknown slug. */
  page(_parent: unknown, args: { slug: string }, ctx: ContentContext): Promise<PageRow | null> {
    return ctx.loaders.pageBySlug.load(args.slug);
  },
};
