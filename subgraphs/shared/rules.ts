import { rule } from 'graphql-shield';
import type { Viewer } from '../../contracts/requestContext.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { parseIntegerId } from './parseIntegerId.js';
import type { SubgraphContext } from './Subgraph.js';

/**
 * The graphql-shield rules every subgraph's `permissions.ts` builds on. Public fields use shield's `allow`, never
 * one of these: reading `request.viewer` makes an answer vary per viewer at the gateway's cache.
 *
 * Cache modes: shield can remember a rule's answer for the rest of the request. `contextual` keeps one answer per
 * rule per request, which is right only for rules that look at nothing but the viewer (fixed for a request).
 * A rule that looks at the parent object is `no_cache`: `contextual` would hand the first parent's answer to every
 * later parent (one customer's access leaking onto another's record in the same list), and `strict` would hash
 * every parent object to save a comparison cheaper than the hash.
 */

type Context = SubgraphContext<unknown>;

/** Any signed-in caller; `UNAUTHENTICATED` otherwise. */
export const isSignedIn = rule('isSignedIn', { cache: 'contextual' })(
  (_parent: unknown, _args: unknown, { request }: Context) =>
    request.viewer !== null || new UnauthenticatedError(),
);

/** Callers with the `admin` role; `UNAUTHENTICATED` when anonymous, `FORBIDDEN` for other viewers. */
export const isAdmin = rule('isAdmin', { cache: 'contextual' })((
  _parent: unknown,
  _args: unknown,
  { request }: Context,
) => {
  const { viewer } = request;
  if (!viewer) return new UnauthenticatedError();
  return viewer.roles.includes('admin') || new ForbiddenError();
});

/**
 * A rule that lets through admins and the customer who owns the parent object (`ownerIdOf(parent)`), with the
 * decision of `ownerOrAdminAccess`. `name` must be unique among the rules of one permissions map.
 */
export function isOwnerOrAdmin<Parent>(name: string, ownerIdOf: (parent: Parent) => unknown) {
  // The answer depends on the parent: never reuse it for another object (see the cache modes above).
  return rule(name, { cache: 'no_cache' })((parent: Parent, _args: unknown, { request }: Context) =>
    ownerOrAdminAccess(request.viewer, ownerIdOf(parent)),
  );
}

/**
 * Whether `viewer` may see what customer `ownerId` owns: admins and that customer may. Otherwise the error to
 * answer with, which never depends on whether `ownerId` exists: `UNAUTHENTICATED` when anonymous, else `FORBIDDEN`.
 */
export function ownerOrAdminAccess(
  viewer: Viewer | null,
  ownerId: unknown,
): true | UnauthenticatedError | ForbiddenError {
  if (!viewer) return new UnauthenticatedError();
  if (viewer.roles.includes('admin')) return true;
  const own = parseIntegerId(viewer.customerId);
  return (own !== null && own === parseIntegerId(ownerId)) || new ForbiddenError();
}
