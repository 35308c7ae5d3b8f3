import type { RequestContext, Viewer } from '../../contracts/requestContext.js';
import { UnauthenticatedError } from './errors.js';

/**
 * The signed-in caller, or an `UNAUTHENTICATED` error: for resolvers that need the viewer's id. Who may call what
 * is decided by each subgraph's `permissions.ts` (graphql-shield), before resolvers run.
 */
export function requireViewer(request: RequestContext): Viewer {
  if (!request.viewer) throw new UnauthenticatedError();
  return request.viewer;
}
