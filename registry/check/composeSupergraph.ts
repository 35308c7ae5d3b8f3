import { composeServices, type CompositionSuccess } from '@apollo/composition';
import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import type { CompositionIssue, SubgraphSchema } from './SchemaCheck.js';
import { subgraphsNamed } from './subgraphsNamed.js';

type CompositionHint = CompositionSuccess['hints'][number];

/** The supergraph composed from subgraphs, or every composition error; hints either way. */
export type Composition =
  | { ok: true; supergraphSdl: string; hints: CompositionIssue[] }
  | { ok: false; errors: CompositionIssue[]; hints: CompositionIssue[] };

/** The code of SDL that does not parse, as the composition library names invalid GraphQL. */
export const INVALID_GRAPHQL = 'INVALID_GRAPHQL';

/**
 * Composes the subgraphs' SDL into a supergraph with `@apollo/composition`, as `rover supergraph compose` does.
 * Each error and hint carries the library's code (`error.extensions.code`, `hint.definition.code`) and the
 * subgraphs it concerns (`subgraphsNamed`), those in `changed` first; SDL that does not parse is an
 * `INVALID_GRAPHQL` error of its subgraph, and then nothing is composed.
 * @param changed the subgraphs the change is about; default none, subgraphs keep the order they are named in.
 */
export function composeSupergraph(
  subgraphs: readonly SubgraphSchema[],
  changed: readonly string[] = [],
): Composition {
  const names = subgraphs.map((subgraph) => subgraph.name);
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const unparsed: CompositionIssue[] = [];
  for (const subgraph of subgraphs) {
    try {
      services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      const message = `[${subgraph.name}] ${(error as Error).message}`;
      unparsed.push({ code: INVALID_GRAPHQL, message, subgraphs: [subgraph.name] });
    }
  }
  if (unparsed.length > 0) return { ok: false, errors: unparsed, hints: [] };

  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => errorIssue(error, names, changed)), hints: [] };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => hintIssue(hint, names, changed)),
  };
}

function errorIssue(
  error: GraphQLError,
  names: readonly string[],
  changed: readonly string[],
): CompositionIssue {
  const code = error.extensions['code'];
  return {
    code: typeof code === 'string' ? code : 'COMPOSITION_ERROR',
    message: error.message,
    subgraphs: subgraphsNamed(error, names, changed),
  };
}

function hintIssue(
  hint: CompositionHint,
  names: readonly string[],
  changed: readonly string[],
): CompositionIssue {
  return {
    code: hint.definition.code,
    message: hint.message,
    subgraphs: subgraphsNamed(hint, names, changed),
  };
}
