import type { Database } from '../shared/database/Database.js';

export type CustomerRow = {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  segment: string;
};

export type AddressRow = {
  id: number;
  customerId: number;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
  isDefault: boolean;
};

export type WishlistItemRow = {
  customerId: number;
  productId: number;
  /** ISO 8601, UTC. */
  addedAt: string;
};

/** The customers with these ids; unknown ids have no row. */
export function customersByIds(db: Database, ids: readonly number[]): Promise<CustomerRow[]> {
  return db.query<CustomerRow>(
    `SELECT id, first_name AS "firstName", last_name AS "lastName", email, segment
     FROM customer.customer WHERE id = ANY($1::int[])`,
    [ids],
  );
}

/** The addresses of these customers, each customer's in position order. */
export function addressesByCustomers(db: Database, customerIds: readonly number[]): Promise<AddressRow[]> {
  return db.query<AddressRow>(
    `SELECT id, customer_id AS "customerId", line1, line2, city, postal_code AS "postalCode",
            country, is_default AS "isDefault"
     FROM customer.address WHERE customer_id = ANY($1::int[])
     ORDER BY customer_id, position`,
    [customerIds],
  );
}

/** The wishlist items of these customers, each customer's newest first. */
export function wishlistItemsByCustomers(
  db: Database,
  customerIds: readonly number[],
): Promise<WishlistItemRow[]> {
  return db.query<WishlistItemRow>(
    `SELECT customer_id AS "customerId", product_id AS "productId",
            to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "addedAt"
     FROM customer.wishlist_item WHERE customer_id = ANY($1::int[])
     ORDER BY customer_id, added_at DESC, product_id DESC`,
    [customerIds],
  );
}

/** Which of `productIds` are on the wishlist of `customerId`. */
export function wishlistedProductIds(
  db: Database,
  customerId: number,
  productIds: readonly number[],
): Promise<{ productId: number }[]> {
  return db.query<{ productId: number }>(
    `SELECT product_id AS "productId" FROM customer.wishlist_item
     WHERE customer_id = $1 AND product_id = ANY($2::int[])`,
    [customerId, productIds],
  );
}

/** What adding a product must know; read with the customer's row locked, so the cap holds under load. */
export type WishlistState = {
  count: number;
  present: boolean;
};

/** Locks the customer's row and reads its wishlist size; null when there is no such customer. */
export async function lockWishlist(
  tx: Database,
  customerId: number,
  productId: number,
): Promise<WishlistState | null> {
  const rows = await tx.query<WishlistState>(
    `SELECT (SELECT count(*)::int FROM customer.wishlist_item w WHERE w.customer_id = c.id) AS count,
            EXISTS (SELECT 1 FROM customer.wishlist_item w WHERE w.customer_id = c.id AND w.product_id = $2)
              AS present
     FROM customer.customer c WHERE c.id = $1
     FOR UPDATE`,
    [customerId, productId],
  );
  return rows[0] ?? null;
}

/** Adds a product to a wishlist; adding it again keeps the first entry. */
export async function insertWishlistItem(db: Database, customerId: number, productId: number): Promise<void> {
  await db.query(
    `INSERT INTO customer.wishlist_item (customer_id, product_id) VALUES ($1, $2)
     ON CONFLICT (customer_id, product_id) DO NOTHING`,
    [customerId, productId],
  );
}

/** Removes a product from a wishlist; removing an absent one does nothing. */
export async function deleteWishlistItem(db: Database, customerId: number, productId: number): Promise<void> {
  await db.query(`DELETE FROM customer.wishlist_item WHERE customer_id = $1 AND product_id = $2`, [
    customerId,
    productId,
  ]);
}
