import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { rowsGroupedByKey } from '../shared/loaderBatch.js';
import { stockOfProducts, stockOfVariants, warehouses, type StockRow, type WarehouseRow } from './db.js';

/** The per-request loaders of the inventory subgraph; each batch runs one statement. */
export interface InventoryLoaders {
  /** Every stock row of a product (all variants, all warehouses); [] for a product unknown here. */
  stockByProduct: DataLoader<number, StockRow[]>;
  /** Every stock row of a variant (all warehouses); [] for an unknown variant. */
  stockByVariant: DataLoader<number, StockRow[]>;
  /** All warehouses, under the single key `'all'`. */
  warehouses: DataLoader<'all', WarehouseRow[]>;
}

/**
 * Makes the loaders for one request. Stock does not depend on the request's market; only the shipping rule
 * reads it, from the rows these loaders return.
 */
export function createLoaders(db: Database, _request: Readonly<RequestContext>): InventoryLoaders {
  return {
    stockByProduct: new DataLoader(async (ids) =>
      rowsGroupedByKey(ids, await stockOfProducts(db, ids), (row) => row.product_id),
    ),
    stockByVariant: new DataLoader(async (ids) =>
      rowsGroupedByKey(ids, await stockOfVariants(db, ids), (row) => row.variant_id),
    ),
    warehouses: new DataLoader(async (keys) => {
      const rows = await warehouses(db);
      return keys.map(() => rows);
    }),
  };
}
