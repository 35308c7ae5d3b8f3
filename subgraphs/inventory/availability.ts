import type { ResolversParentTypes } from './__generated__/resolvers.js';
import type { StockRow, WarehouseRow } from './db.js';

/** A `StockLevel`, its warehouse a row. */
export type StockLevel = ResolversParentTypes['StockLevel'];

/** An `Availability`: `warehouses` holds one level per warehouse, in MARKETS order. */
export type Availability = ResolversParentTypes['Availability'];

/** The stock level of one row. */
export function stockLevelOf(row: StockRow): StockLevel {
  return { warehouse: row.warehouse, quantity: row.quantity, inStock: row.quantity > 0 };
}

/**
 * Sums stock rows (of one variant, or of every variant of one product) per warehouse and overall.
 * A warehouse appears once it holds a row, even with zero units, so clients can show "sold out in UK".
 */
export function availabilityOf(rows: readonly StockRow[]): Availability {
  const perWarehouse = new Map<string, { warehouse: WarehouseRow; quantity: number }>();
  for (const row of rows) {
    const level = perWarehouse.get(row.warehouse.code);
    if (level) level.quantity += row.quantity;
    else perWarehouse.set(row.warehouse.code, { warehouse: row.warehouse, quantity: row.quantity });
  }
  const warehouses = [...perWarehouse.values()]
    .sort((a, b) => a.warehouse.position - b.warehouse.position)
    .map(({ warehouse, quantity }) => ({ warehouse, quantity, inStock: quantity > 0 }));
  const quantity = warehouses.reduce((sum, level) => sum + level.quantity, 0);
  return { inStock: quantity > 0, quantity, warehouses };
}
