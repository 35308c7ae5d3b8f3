import { parseIntegerId } from '../../shared/loaderBatch.js';
import { type AddressRow, type CustomerRow } from '../db.js';
import type { CustomerContext } from '../loaders.js';
import { requireCustomerAccess } from '../permissions.js';
import type { WishlistParent } from './Wishlist.js';

type CustomerReference = { id: string };

/** Makes a field answer only the customer themself or an admin, whichever way the record was reached. */
function privateField<T>(read: (customer: CustomerRow, ctx: CustomerContext) => T) {
  return (customer: CustomerRow, _args: unknown, ctx: CustomerContext): T => {
    requireCustomerAccess(ctx.request, customer.id);
    return read(customer, ctx);
  };
}

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
  id: privateField((customer) => customer.id),
  firstName: privateField((customer) => customer.firstName),
  lastName: privateField((customer) => customer.lastName),
  email: privateField((customer) => customer.email),
  segment: privateField((customer) => customer.segment),
  addresses: privateField((customer, ctx): Promise<AddressRow[]> =>
    ctx.loaders.addressesByCustomer.load(customer.id),
  ),
  wishlist: privateField((customer): WishlistParent => ({ customerId: customer.id })),
};
