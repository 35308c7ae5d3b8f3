import { parseIntegerId } from '../shared/loaderBatch.js';
import type { RequestContext } from '../../contracts/requestContext.js';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js';
import { requireViewer } from '../shared/viewer.js';

/**
 * The one rule that guards customer data: a customer record is readable by that customer and by admins only.
 * Throws `UNAUTHENTICATED` for anonymous callers and `FORBIDDEN` for everyone else, before any lookup, so the
 * answer is the same whether `customerId` exists or not. (graphql-shield takes this rule over later.)
 */
export function requireCustomerAccess(request: RequestContext, customerId: unknown): void {
  const viewer = requireViewer(request);
  if (viewer.roles.includes('admin')) return;
  const own = parseIntegerId(viewer.customerId);
  if (own === null || own !== parseIntegerId(customerId)) throw new ForbiddenError();
}

/** The signed-in caller's customer id; `UNAUTHENTICATED` when anonymous or the identity is no customer id. */
export function requireViewerCustomerId(request: RequestContext): number {
  const id = parseIntegerId(requireViewer(request).customerId);
  if (id === null) throw new UnauthenticatedError('Sign in as a customer to do this.');
  return id;
}
