import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isUnionType, type GraphQLSchema } from 'graphql';
import {
  entityTag,
  INVALIDATES_EXTENSION,
  TAGS_EXTENSION,
  VARY_DIMENSIONS,
  VARY_HEADER,
  viewerTag,
} from '../../contracts/caching.js';
import type { CacheReport } from './CacheReport.js';

/** The part of a subgraph's context the reporter reads. */
export interface CacheReportContext extends BaseContext {
  cacheReport: CacheReport;
}

/**
 * Tells the gateway, on every response, what the answer depended on and what it contains (see
 * contracts/caching.ts):
 * - `VARY_HEADER`: the context dimensions read, in `VARY_DIMENSIONS` order; no header when none was read;
 * - `extensions[TAGS_EXTENSION]`: a tag per entity of this subgraph in the answer (each `_entities`
 *   representation, and each entity object a field was resolved on), plus the viewer's tag when the answer
 *   read the viewer;
 * - `extensions[INVALIDATES_EXTENSION]`: the tags the request's mutations declared changed.
 * Each extension is left out when empty.
 */
export function cacheReporter(schema: GraphQLSchema): ApolloServerPlugin<CacheReportContext> {
  const entityTypes = entityTypeNames(schema);
  return {
    async requestDidStart() {
      const tags = new Set<string>();
      // Many fields resolve on one object: look at each object once.
      const seen = new WeakSet<object>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              // The arguments, not the request's variables: they are there however the caller passed them.
              if (info.fieldName === '_entities' && !info.path.prev) {
                for (const tag of representationTags(args.representations, entityTypes)) tags.add(tag);
              }
              if (typeof source !== 'object' || source === null || seen.has(source)) return;
              if (!entityTypes.has(info.parentType.name)) return;
              seen.add(source);
              const { id } = source as { id?: unknown };
              if (isId(id)) tags.add(entityTag(info.parentType.name, String(id)));
            },
          };
        },
        async willSendResponse({ response, contextValue: { cacheReport } }) {
          const read = cacheReport.dimensions();
          const vary = VARY_DIMENSIONS.filter((dimension) => read.has(dimension));
          if (vary.length > 0) response.http.headers.set(VARY_HEADER, vary.join(', '));
          const { viewer } = cacheReport.request;
          if (viewer && read.has('viewer')) tags.add(viewerTag(viewer.customerId));
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (tags.size > 0) result.extensions = { ...result.extensions, [TAGS_EXTENSION]: [...tags] };
          if (cacheReport.invalidated.size > 0) {
            result.extensions = {
              ...result.extensions,
              [INVALIDATES_EXTENSION]: [...cacheReport.invalidated],
            };
          }
        },
      };
    },
  };
}

/** The types other subgraphs can reference here: the members of `_Entity` (the types with a `@key`). */
export function entityTypeNames(schema: GraphQLSchema): ReadonlySet<string> {
  const entity = schema.getType('_Entity');
  return new Set(isUnionType(entity) ? entity.getTypes().map((type) => type.name) : []);
}

/**
 * Tags for the representations of an `_entities` request, by the `id` they carry. Representations by another
 * key (the catalog's `sku`) are tagged once their entity resolves, through its `id`.
 */
function representationTags(representations: unknown, entityTypes: ReadonlySet<string>): string[] {
  if (!Array.isArray(representations)) return [];
  return representations.flatMap((representation: unknown) => {
    if (typeof representation !== 'object' || representation === null) return [];
    const { __typename: type, id } = representation as { __typename?: unknown; id?: unknown };
    return typeof type === 'string' && entityTypes.has(type) && isId(id) ? [entityTag(type, String(id))] : [];
  });
}

function isId(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}
