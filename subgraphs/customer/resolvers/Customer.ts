import { parseIntegerId } from '../../shared/loaderBatch.js';
import { type AddressRow, type CustomerRow } from '../db.js';
import type { CustomerContext } from '../loaders.js';
import { requireCustomerAccess } from '../permissions.js';
import type { WishlistParent } from './Wishlist.js';

type CustomerReference = { id: string };

/** Every field answers only that customer or an admin: see `permissions.ts`. Unlisted fields read the row. */
export const Customer = {
  /**
   * `_entities` is a side door around `Query.me`: the access rule runs before the lookup, so a stranger gets
   * the same FORBIDDEN for an existing and a made-up id. Unknown ids answer null to those allowed to ask.
   */
  async __resolveReference(ref: CustomerReference, ctx: CustomerContext): Promise<CustomerRow | null> {
    requireCustomerAccess(ctx.request, ref.id);
    const id = parseIntegerId(ref.id);
    return id === null ? null : ctx.loaders.customerById.load(id);
  },
  addresses(customer: CustomerRow, _args: unknown, ctx: CustomerContext): Promise<AddressRow[]> {
    return ctx.loaders.addressesByCustomer.load(customer.id);
  },
  wishlist(customer: CustomerRow): WishlistParent {
    return { customerId: customer.id };
  },
};
