import { Supergraph, type Subgraphs } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/** What the check reads from a composed supergraph. */
export interface SupergraphParts {
  supergraphSdl: string;
  /** The client-facing (API) schema, as Apollo Gateway serves it. */
  apiSchema: GraphQLSchema;
  /** Each subgraph as the supergraph records it (extracted by `@apollo/federation-internals`, no descriptions). */
  subgraphs: Subgraphs;
}

/** Reads a supergraph's API schema and subgraphs; throws when `supergraphSdl` is not a supergraph. */
export function readSupergraph(supergraphSdl: string): SupergraphParts {
  const supergraph = Supergraph.build(supergraphSdl);
  return {
    supergraphSdl,
    apiSchema: supergraph.apiSchema().toGraphQLJSSchema(),
    subgraphs: supergraph.subgraphs(),
  };
}

/**
 * The subgraphs whose schema differs between two supergraphs, compared as each supergraph records them (so
 * descriptions and layout do not count): added, changed and removed ones.
 */
export function changedSubgraphs(before: Subgraphs | null, after: Subgraphs): string[] {
  const changed = after.names().filter((name) => {
    const previous = before?.get(name);
    return !previous || previous.toString() !== after.get(name)!.toString();
  });
  return [...changed, ...(before?.names() ?? []).filter((name) => !after.get(name))];
}
