import type { ASTNode } from 'graphql';

/** A composition error or hint as `@apollo/composition` gives it. */
export interface CompositionMessage {
  message: string;
  /** The AST nodes it is about; composition marks each with the subgraph it comes from (`SubgraphASTNode`). */
  nodes?: readonly ASTNode[] | null | undefined;
}

// `subgraph "a"`, `subgraphs "a" and "b"`, `subgraphs "a", "b" and "c"`: how composition messages name them.
const NAMED_IN_MESSAGE = /\bsubgraphs? ((?:"[^"]+"(?:, | and | or |,? and )?)+)/g;
const QUOTED = /"([^"]+)"/g;
// `[a] On type "Product", …`: a subgraph's own validation error, prefixed by `addSubgraphToError`.
const PREFIX = /^\[([^\]]+)\] /;

/**
 * The subgraphs a composition error or hint concerns, from where the composition library records them: the
 * `subgraph` of each of its AST nodes, the `[name]` prefix of a subgraph's validation error, and the subgraphs its
 * message names (`in subgraph "a" but … in subgraph "b"`, `resolved from subgraphs "a" and "b"`). Only names in
 * `known` count; those in `changed` come first, the others in the order they are found.
 */
export function subgraphsNamed(
  issue: CompositionMessage,
  known: readonly string[],
  changed: readonly string[] = [],
): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    if (known.includes(name) && !found.includes(name)) found.push(name);
  };
  const prefix = PREFIX.exec(issue.message);
  if (prefix) add(prefix[1]!);
  for (const node of issue.nodes ?? []) {
    const subgraph = (node as { subgraph?: unknown }).subgraph;
    if (typeof subgraph === 'string') add(subgraph);
  }
  for (const phrase of issue.message.matchAll(NAMED_IN_MESSAGE)) {
    for (const quoted of phrase[1]!.matchAll(QUOTED)) add(quoted[1]!);
  }
  const rank = (name: string) => (changed.includes(name) ? changed.indexOf(name) : changed.length);
  return found
    .map((name, index) => ({ name, index }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.index - b.index)
    .map(({ name }) => name);
}
