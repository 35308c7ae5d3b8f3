import { parseCatalogId } from '../ids.js';
import type { CatalogContext } from '../loaders.js';

/** A maker of products; its fields come straight from its row. */
export const Brand = {
  __resolveReference(ref: { id?: unknown }, { loaders }: CatalogContext) {
    const id = parseCatalogId(ref.id);
    return id === null ? null : loaders.brandById.load(id);
  },
};
