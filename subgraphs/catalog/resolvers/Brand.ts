import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { BrandResolvers } from '../__generated__/resolvers.js';

/** A maker of products; its fields come straight from its row. */
export const Brand: BrandResolvers = {
  __resolveReference(ref, { loaders }) {
    const id = parseIntegerId(ref.id);
    return id === null ? null : loaders.brandById.load(id);
  },
};
