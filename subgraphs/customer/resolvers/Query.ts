import type { GraphQLResolveInfo } from 'graphql';
import { parseIntegerId } from '../../shared/loaderBatch.js';
import { publicWhenAnonymous } from '../anonymousHints.js';
import { type CustomerRow } from '../db.js';
import type { CustomerContext } from '../loaders.js';

export const Query = {
  /** The viewer's own record; null when anonymous or when the identity names no customer. */
  me(
    _parent: unknown,
    _args: unknown,
    ctx: CustomerContext,
    info: GraphQLResolveInfo,
  ): Promise<CustomerRow | null> | null {
    if (!ctx.request.viewer) return publicWhenAnonymous(info, null);
    const id = parseIntegerId(ctx.request.viewer.customerId);
    return id === null ? null : ctx.loaders.customerById.load(id);
  },
};
