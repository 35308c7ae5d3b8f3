import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { CategoryResolvers } from '../__generated__/resolvers.js';

export const Category: CategoryResolvers = {
  /** The catalog owns categories; this subgraph only adds landing pages, so there is nothing to load. */
  __resolveReference(ref) {
    return ref;
  },
  landingPage(category, _args, ctx) {
    const id = parseIntegerId(category.id);
    return id === null ? null : ctx.loaders.landingPageByCategory.load(id);
  },
};
