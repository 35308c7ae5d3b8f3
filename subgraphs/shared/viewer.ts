import type { RequestContext, Viewer } from '../../contracts/requestContext.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

/** The signed-in caller, or an `UNAUTHENTICATED` error. */
export function requireViewer(request: RequestContext): Viewer {
  if (!request.viewer) throw new UnauthenticatedError();
  return request.viewer;
}

/** The signed-in caller if they hold the admin role, else `UNAUTHENTICATED` or `FORBIDDEN`. */
export function requireAdmin(request: RequestContext): Viewer {
  const viewer = requireViewer(request);
  if (!viewer.roles.includes('admin')) throw new ForbiddenError();
  return viewer;
}
