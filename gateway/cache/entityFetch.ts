import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { VARY_DIMENSIONS, type VaryDimension } from '../../contracts/caching.js';
import type { GatewayContext } from '../GatewayContext.js';
import { canonicalJson, digest, parseVaryList } from './cacheKeys.js';
import { isShareable, type SubgraphAnswer } from './subgraphAnswer.js';

/**
 * The pure parts of the entity cache (`SubgraphFetchCache` orchestrates them): how a subgraph fetch splits into
 * cacheable items, how the items it still has to fetch become a smaller fetch, how fetched and cached items merge
 * back into one answer, and what an answer teaches about its operation.
 */

/** Process options of a fetch made for a client operation (not a health check or schema load). */
export type IncomingOptions = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** A subgraph's answer to one fetch, and what its headers and extensions said about caching it. */
export interface Exchange {
  response: SubgraphResponse;
  answer: SubgraphAnswer;
}

/** Anonymous and signed-in callers: what may be shared differs between them (see `isShareable`). */
export type Caller = 'anonymous' | 'signed-in';

/**
 * What the gateway has learned about one subgraph operation: what it varies by, and whether its answers may be
 * shared, for each kind of caller. A caller of a kind not seen yet still looks entries up: one stored for the
 * other kind is under a key that only matches when it did not depend on who asked.
 */
export interface Descriptor {
  vary: VaryDimension[];
  shareable: Partial<Record<Caller, boolean>>;
}

/** One cacheable unit of a fetch: an entity representation, or the whole answer of a root-field fetch. */
export interface Item {
  kind: 'entity' | 'root';
  /** Key without the varying part; null when the item cannot be cached (no `id`). */
  key: string | null;
  representation?: unknown;
  /** The entity tag of an entity item; root items take the tags the subgraph reports. */
  tags?: string[];
}

/**
 * The cacheable items of a fetch: one per representation of an `_entities` fetch, else one for the whole answer.
 * Everything that can change an answer is in the key: the schema version (default none), the subgraph, the query,
 * every variable of the fetch (arguments and `@include`/`@skip` conditions) and the representation; the context it
 * used is added per lookup.
 */
export function splitFetch(
  subgraph: string,
  request: IncomingOptions['request'],
  schemaVersion = '',
): Item[] {
  const { representations, ...variables } = request.variables ?? {};
  const shape = digest(`${schemaVersion}\n${request.query ?? ''}\n${canonicalJson(variables)}`);
  return Array.isArray(representations)
    ? representations.map((representation: unknown) => entityItem(subgraph, shape, representation))
    : [{ kind: 'root', key: `r:${subgraph}:${shape}` }];
}

function entityItem(subgraph: string, shape: string, representation: unknown): Item {
  const { __typename: typename, id } = (representation ?? {}) as { __typename?: unknown; id?: unknown };
  const cacheable = typeof typename === 'string' && (typeof id === 'string' || typeof id === 'number');
  return {
    kind: 'entity',
    representation,
    key: cacheable ? `e:${subgraph}:${shape}:${digest(canonicalJson(representation))}` : null,
    ...(cacheable ? { tags: [`${typename}:${id}`] } : {}),
  };
}

/** The fetch of the items at `missing` only (all of them for a root-field fetch). */
export function fetchOfMissing(options: IncomingOptions, items: Item[], missing: number[]): IncomingOptions {
  if (items[0]?.kind === 'root') return options;
  const representations = missing.map((index) => items[index]!.representation);
  return {
    ...options,
    request: { ...options.request, variables: { ...options.request.variables, representations } },
  };
}

/** The values a response holds for the fetched items, in order; undefined when it does not hold one each. */
export function fetchedValues(
  items: Item[],
  response: SubgraphResponse,
  count: number,
): unknown[] | undefined {
  const fetched = items[0]?.kind === 'root' ? [response.data] : response.data?.['_entities'];
  return Array.isArray(fetched) && fetched.length === count ? fetched : undefined;
}

/**
 * One answer for every item, from `values` (cached and fetched), with the fetched response's errors pointed at
 * the full list.
 */
export function mergeFetch(
  items: Item[],
  values: unknown[],
  response: SubgraphResponse | undefined,
  missing: number[] = [],
): SubgraphResponse {
  const errors = response?.errors?.map((error) => remapPath(error, missing));
  if (items[0]?.kind === 'root') {
    return { ...response, data: values[0] as Record<string, unknown>, ...(errors ? { errors } : {}) };
  }
  return { ...response, data: { ...response?.data, _entities: values }, ...(errors ? { errors } : {}) };
}

/** Error paths of a partial fetch point into the fetched subset; point them at the full list instead. */
export function remapPath<E extends { path?: readonly (string | number)[] }>(error: E, missing: number[]): E {
  const [head, position, ...rest] = error.path ?? [];
  if (head !== '_entities' || typeof position !== 'number' || missing[position] === undefined) return error;
  return { ...error, path: [head, missing[position], ...rest] };
}

/** What `answer` adds to what was known of its operation, for a caller of kind `caller`. */
export function learn(known: Descriptor | undefined, answer: SubgraphAnswer, caller: Caller): Descriptor {
  // A private answer shared among anonymous callers is keyed by the viewer too, whose anonymous value no
  // signed-in caller has.
  const used = new Set([...(known?.vary ?? []), ...answer.vary, ...(answer.private ? ['viewer'] : [])]);
  return {
    vary: VARY_DIMENSIONS.filter((dimension) => used.has(dimension)),
    shareable: { ...known?.shareable, [caller]: isShareable(answer, caller === 'signed-in') },
  };
}

/** Reads a stored descriptor back. */
export function parseDescriptor(value: unknown): Descriptor | undefined {
  const { vary, shareable } = (value ?? {}) as Partial<Descriptor>;
  const dimensions = parseVaryList(vary);
  return dimensions && typeof shareable === 'object' && shareable !== null
    ? { vary: dimensions, shareable }
    : undefined;
}
