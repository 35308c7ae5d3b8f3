import type { Viewer } from '../../../contracts/requestContext.js';

/** A signed-in admin, who may run every mutation. */
export const admin: Viewer = { customerId: '7', segment: null, roles: ['admin'] };

/** A signed-in customer without roles, in the vip segment: may read, may not run admin mutations. */
export const shopper: Viewer = { customerId: '8', segment: 'vip', roles: [] };
