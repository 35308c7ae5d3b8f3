import type { QueryResolvers } from '../__generated__/resolvers.js';

export const Query: QueryResolvers = {
  /** The page in the request's locale, else in en-US; null for an unknown slug. */
  page(_parent, args, ctx) {
    return ctx.loaders.pageBySlug.load(args.slug);
  },
};
