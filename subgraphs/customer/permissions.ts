import { allow, type IRules } from 'graphql-shield';
import type { RequestContext } from '../../contracts/requestContext.js';
import { UnauthenticatedError } from '../shared/errors.js';
import { parseIntegerId } from '../shared/parseIntegerId.js';
import { isOwnerOrAdmin, isSignedIn, ownerOrAdminAccess } from '../shared/rules.js';
import { requireViewer } from '../shared/viewer.js';
import type { CustomerRow } from './db.js';

/** A customer record answers only that customer and admins. */
const isThisCustomerOrAdmin = isOwnerOrAdmin('isThisCustomerOrAdmin', (customer: CustomerRow) => customer.id);

/**
 * Who may read and change what (graphql-shield; see shared/rules.ts). Customer data is private: every `Customer`
 * field answers only that customer or an admin, however the record was reached. A field missing here is denied:
 * list new fields.
 */
export const permissions = {
  Query: {
    // Null when anonymous; otherwise the viewer's own record, whose fields are guarded below all the same.
    me: allow,
    _service: allow,
    // The side door to customer records: `Customer.__resolveReference` refuses strangers before any lookup
    // (`requireCustomerAccess`), and the fields below are guarded again. Also resolves `Product` references.
    _entities: allow,
  },
  // Only ever the viewer's own wishlist: the resolvers take the customer id from the viewer, not from arguments.
  Mutation: { addToWishlist: isSignedIn, removeFromWishlist: isSignedIn },
  Customer: {
    id: isThisCustomerOrAdmin,
    firstName: isThisCustomerOrAdmin,
    lastName: isThisCustomerOrAdmin,
    email: isThisCustomerOrAdmin,
    segment: isThisCustomerOrAdmin,
    addresses: isThisCustomerOrAdmin,
    wishlist: isThisCustomerOrAdmin,
  },
  // `allow` is safe for these three: they are reached only through `Customer.addresses` and `Customer.wishlist`,
  // guarded above, or as the answer of a wishlist mutation, which is the viewer's own wishlist. A rule here would
  // check again what the parent's rule already decided.
  Address: {
    id: allow,
    line1: allow,
    line2: allow,
    city: allow,
    postalCode: allow,
    country: allow,
    isDefault: allow,
  },
  Wishlist: { items: allow, count: allow },
  WishlistItem: { product: allow, addedAt: allow },
  // `inWishlist` is false when anonymous and otherwise the viewer's own state: nothing of anyone else's.
  Product: { id: allow, inWishlist: allow },
  _Service: { sdl: allow },
} satisfies IRules;

/**
 * The `Customer` field rule's decision, for `Customer.__resolveReference`: it throws before any lookup, so a
 * stranger gets the same `FORBIDDEN` whether `customerId` exists or not (and an anonymous caller
 * `UNAUTHENTICATED`).
 */
export function requireCustomerAccess(request: RequestContext, customerId: unknown): void {
  const access = ownerOrAdminAccess(request.viewer, customerId);
  if (access !== true) throw access;
}

/** The signed-in caller's customer id; `UNAUTHENTICATED` when anonymous or the identity is no customer id. */
export function requireViewerCustomerId(request: RequestContext): number {
  const id = parseIntegerId(requireViewer(request).customerId);
  if (id === null) throw new UnauthenticatedError('Sign in as a customer to do this.');
  return id;
}
