import type { ResolversParentTypes } from '../__generated__/resolvers.js';
import { encodeCursor } from './cursor.js';
import type { ListingLoaders, ListingPage } from './listingLoaders.js';
import type { ListingRequest } from './listingRequest.js';

/** The GraphQL `ProductConnection` with its products as rows, ready to return from a resolver. */
export type ProductConnection = ResolversParentTypes['ProductConnection'];

/** Turns a page fetched with one extra product (which only says that another page follows) into a connection. */
export function toConnection(request: ListingRequest, page: ListingPage): ProductConnection {
  const shown = page.items.slice(0, request.first);
  const edges = shown.map(({ product, cursorKey }) => ({
    cursor: encodeCursor(request.sort, { key: cursorKey, id: product.id }),
    node: product,
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.items.length > request.first,
      // Seeking forward only: a page reached with a cursor always has products before it.
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

/** Reads the page `request` asks for through the request's listing loaders. */
export async function loadConnection(
  loaders: ListingLoaders,
  request: ListingRequest,
): Promise<ProductConnection> {
  return toConnection(request, await loaders[request.sort].load(request));
}
