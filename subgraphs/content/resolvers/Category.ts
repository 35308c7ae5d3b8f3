import { parseIntegerId } from '../../shared/loaderBatch.js';
import { type PageRow } from '../db.js';
import type { ContentContext } from '../loaders.js';

type CategoryReference = { id: string };

export const Category = {
  /** The catalog owns categories; this subgraph only adds landing pages, so there is nothing to load. */
  __resolveReference(ref: CategoryReference): CategoryReference {
    return ref;
  },
  landingPage(
    category: CategoryReference,
    _args: unknown,
    ctx: ContentContext,
  ): Promise<PageRow | null> | null {
    const id = parseIntegerId(category.id);
    return id === null ? null : ctx.loaders.landingPageByCategory.load(id);
  },
};
