import { parseIntegerId } from '../../shared/loaderBatch.js';
import { type CustomerRow } from '../db.js';
import type { CustomerContext } from '../loaders.js';

export const Query = {
  /** The viewer's own record; null when anonymous or when the identity names no customer. */
  me(_parent: unknown, _args: unknown, ctx: CustomerContext): Promise<CustomerRow | null> | null {
    const id = ctx.request.viewer ? parseIntegerId(ctx.request.viewer.customerId) : null;
    return id === null ? null : ctx.loaders.customerById.load(id);
  },
};
