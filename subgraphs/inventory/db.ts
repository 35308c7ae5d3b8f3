import type { Database } from '../shared/database/Database.js';

/** A warehouse as clients see it, plus where it sits in MARKETS order. */
export type WarehouseRow = {
  code: string;
  name: string;
  country: string;
  market: string;
  position: number;
};

/** Units of one variant in one warehouse, with that warehouse's details (one statement serves both). */
export type StockRow = {
  productId: number;
  variantId: number;
  quantity: number;
  warehouse: WarehouseRow;
};

/** Whether the variant and the warehouse of a stock change exist. */
export type StockTargetRow = {
  variantKnown: boolean;
  warehouseKnown: boolean;
};

type FlatStockRow = Omit<StockRow, 'warehouse'> & WarehouseRow;

const STOCK_COLUMNS = `s.product_id AS "productId", s.variant_id AS "variantId", s.quantity,
  w.code, w.name, w.country, w.market, w.position`;

function nestWarehouse({ productId, variantId, quantity, ...warehouse }: FlatStockRow): StockRow {
  return { productId, variantId, quantity, warehouse };
}

/** Every warehouse, in MARKETS order. */
export async function warehouses(db: Database): Promise<WarehouseRow[]> {
  return db.query<WarehouseRow>(
    `SELECT code, name, country, market, position FROM inventory.warehouse ORDER BY position`,
  );
}

/** All stock rows of the given products, by variant then warehouse (MARKETS order). */
export async function stockOfProducts(db: Database, productIds: readonly number[]): Promise<StockRow[]> {
  const rows = await db.query<FlatStockRow>(
    `SELECT ${STOCK_COLUMNS}
     FROM inventory.stock s JOIN inventory.warehouse w ON w.code = s.warehouse_code
     WHERE s.product_id = ANY($1::int[])
     ORDER BY s.variant_id, w.position`,
    [productIds],
  );
  return rows.map(nestWarehouse);
}

/** All stock rows of the given variants, by variant then warehouse (MARKETS order). */
export async function stockOfVariants(db: Database, variantIds: readonly number[]): Promise<StockRow[]> {
  const rows = await db.query<FlatStockRow>(
    `SELECT ${STOCK_COLUMNS}
     FROM inventory.stock s JOIN inventory.warehouse w ON w.code = s.warehouse_code
     WHERE s.variant_id = ANY($1::int[])
     ORDER BY s.variant_id, w.position`,
    [variantIds],
  );
  return rows.map(nestWarehouse);
}

/**
 * Adds `delta` to one variant's stock in one warehouse unless that would take it below zero.
 * @returns the updated row, or none when the variant, the warehouse or the stock for the delta is missing.
 */
export async function adjustStock(
  db: Database,
  variantId: number,
  warehouseCode: string,
  delta: number,
): Promise<StockRow[]> {
  const rows = await db.query<FlatStockRow>(
    `UPDATE inventory.stock s
     SET quantity = s.quantity + $3::int, updated_at = now()
     FROM inventory.warehouse w
     WHERE s.variant_id = $1::int AND s.warehouse_code = $2::text AND w.code = s.warehouse_code
       AND s.quantity + $3::int >= 0
     RETURNING ${STOCK_COLUMNS}`,
    [variantId, warehouseCode, delta],
  );
  return rows.map(nestWarehouse);
}

/** Whether the variant and the warehouse exist; asked when `adjustStock` changed nothing. */
export async function stockTargetExists(
  db: Database,
  variantId: number,
  warehouseCode: string,
): Promise<StockTargetRow[]> {
  return db.query<StockTargetRow>(
    `SELECT EXISTS (SELECT 1 FROM inventory.stock WHERE variant_id = $1::int) AS "variantKnown",
            EXISTS (SELECT 1 FROM inventory.warehouse WHERE code = $2::text) AS "warehouseKnown"`,
    [variantId, warehouseCode],
  );
}
