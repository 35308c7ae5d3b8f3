import DataLoader from 'dataloader';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { groupLoader, rowLoader } from '../shared/loaderBatch.js';
import { parseIntegerId } from '../shared/parseIntegerId.js';
import type { SubgraphContext } from '../shared/Subgraph.js';
import {
  addressesByCustomers,
  customersByIds,
  wishlistedProductIds,
  wishlistItemsByCustomers,
} from './db.js';

/**
 * The customer subgraph's loaders for one request; each batch runs one statement. Write resolvers clear the
 * entries they change, so a read after a write in the same request sees it.
 */
export function createLoaders(db: Database, request: Readonly<RequestContext>) {
  return {
    /** A customer by id; null for an unknown id. */
    customerById: rowLoader(db, customersByIds, (row) => row.id),
    /** A customer's addresses in position order. */
    addressesByCustomer: groupLoader(db, addressesByCustomers, (row) => row.customerId),
    /** A customer's wishlist items, newest first. */
    wishlistByCustomer: groupLoader(db, wishlistItemsByCustomers, (row) => row.customerId),
    /** Whether a product is on the viewer's wishlist; false for every product when there is no viewer. */
    inViewerWishlist: new DataLoader<number, boolean>(async (productIds) => {
      // Read here, not when the loaders are made: only answers that hold wishlist state depend on the viewer.
      const { viewer } = request;
      const viewerId = viewer ? parseIntegerId(viewer.customerId) : null;
      if (viewerId === null) return productIds.map(() => false);
      const rows = await wishlistedProductIds(db, viewerId, productIds);
      const wished = new Set(rows.map((row) => row.productId));
      return productIds.map((id) => wished.has(id));
    }),
  };
}

export type CustomerLoaders = ReturnType<typeof createLoaders>;

/** What every customer resolver receives as its context. */
export type CustomerContext = SubgraphContext<CustomerLoaders>;
