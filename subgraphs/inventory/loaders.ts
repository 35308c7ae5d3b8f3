import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { groupLoader } from '../shared/loaderBatch.js';
import type { SubgraphContext } from '../shared/Subgraph.js';
import { stockOfProducts, stockOfVariants, warehouses, type WarehouseRow } from './db.js';

/**
 * The inventory subgraph's loaders for one request; each batch runs one statement. Stock does not depend on the
 * request's market; only the shipping rule reads it, from the rows these loaders return.
 */
export function createLoaders(db: Database, _request: Readonly<RequestContext>) {
  return {
    /** Every stock row of a product (all variants, all warehouses); [] for a product unknown here. */
    stockByProduct: groupLoader(db, stockOfProducts, (row) => row.productId),
    /** Every stock row of a variant (all warehouses); [] for an unknown variant. */
    stockByVariant: groupLoader(db, stockOfVariants, (row) => row.variantId),
    /** All warehouses, under the single key `'all'`. */
    warehouses: new DataLoader<'all', WarehouseRow[]>(async (keys) => {
      const rows = await warehouses(db);
      return keys.map(() => rows);
    }),
  };
}

export type InventoryLoaders = ReturnType<typeof createLoaders>;

/** What every inventory resolver receives as its context. */
export type InventoryContext = SubgraphContext<InventoryLoaders>;
