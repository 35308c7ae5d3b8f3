import { parseIntegerId } from '../../shared/parseIntegerId.js';
import type { QueryResolvers } from '../__generated__/resolvers.js';
import { publicWhenAnonymous } from '../anonymousHints.js';

export const Query: QueryResolvers = {
  /** The viewer's own record; null when anonymous or when the identity names no customer. */
  me(_parent, _args, ctx, info) {
    if (!ctx.request.viewer) return publicWhenAnonymous(info, null);
    const id = parseIntegerId(ctx.request.viewer.customerId);
    return id === null ? null : ctx.loaders.customerById.load(id);
  },
};
