import type { SubgraphContext } from '../../shared/Subgraph.js';
import type { WarehouseRow } from '../db.js';
import type { InventoryLoaders } from '../loaders.js';

/** Inventory's root fields. */
export const Query = {
  warehouses(
    _root: unknown,
    _args: unknown,
    { loaders }: SubgraphContext<InventoryLoaders>,
  ): Promise<WarehouseRow[]> {
    return loaders.warehouses.load('all');
  },
};
