import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { CustomerResolvers } from '../__generated__/resolvers.js';
import { requireCustomerAccess } from '../permissions.js';

/** Every field answers only that customer or an admin: see `permissions.ts`. Unlisted fields read the row. */
export const Customer: CustomerResolvers = {
  /**
   * `_entities` is a side door around `Query.me`: the access rule runs before the lookup, so a stranger gets
   * the same FORBIDDEN for an existing and a made-up id. Unknown ids answer null to those allowed to ask.
   */
  async __resolveReference(ref, ctx) {
    requireCustomerAccess(ctx.request, ref.id);
    const id = parseIntegerId(ref.id);
    return id === null ? null : ctx.loaders.customerById.load(id);
  },
  addresses(customer, _args, ctx) {
    return ctx.loaders.addressesByCustomer.load(customer.id);
  },
  wishlist(customer) {
    return { customerId: customer.id };
  },
};
