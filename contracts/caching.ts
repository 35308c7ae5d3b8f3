/**
 * How subgraphs tell the gateway what an answer depends on and which cached answers a write made stale.
 *
 * - `VARY_HEADER` on every subgraph response lists the request-context dimensions the subgraph read while
 *   answering (`locale, market`), so cached answers are keyed by exactly those values and no others.
 * - `extensions[TAGS_EXTENSION]` lists the entities an answer contains (`Product:42`); cached entries are tagged
 *   with them.
 * - `extensions[INVALIDATES_EXTENSION]` on a mutation's answer lists the entities it changed; the gateway purges
 *   every cached entry tagged with one of them before it answers the client.
 * The gateway removes both extensions before anything reaches a client.
 */

/** A request-context dimension an answer may depend on. */
export type VaryDimension = 'locale' | 'market' | 'segment' | 'viewer';

export const VARY_DIMENSIONS: readonly VaryDimension[] = ['locale', 'market', 'segment', 'viewer'];

export const VARY_HEADER = 'x-commerce-vary';
export const TAGS_EXTENSION = 'cacheTags';
export const INVALIDATES_EXTENSION = 'invalidatesTags';

/**
 * Redis pub/sub channel on which any service announces changes made outside GraphQL (an import, a back-office
 * edit). Message: JSON `{"tags": ["Product:42", "Category:7"]}`; a bare type (`"Product"`) purges every entry that
 * holds an entity of that type.
 */
export const INVALIDATION_CHANNEL = 'commerce:cache:invalidate';

/** The tag of one entity: `Product:42`. */
export function entityTag(typename: string, id: string | number): string {
  return `${typename}:${id}`;
}

/** The tag every entry holding the signed-in customer's own data carries, so their writes purge it. */
export function viewerTag(customerId: string): string {
  return `Viewer:${customerId}`;
}

/** Reads a vary header value back into dimensions, ignoring anything unknown. */
export function parseVary(header: string | null | undefined): VaryDimension[] {
  if (!header) return [];
  const named = new Set(header.split(',').map((part) => part.trim()));
  return VARY_DIMENSIONS.filter((dimension) => named.has(dimension));
}
