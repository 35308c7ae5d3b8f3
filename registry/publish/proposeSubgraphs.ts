import type { SubgraphSchema } from '../check/SchemaCheck.js';

/** `current` with each of `given` replacing the subgraph of its name or added, sorted by name. */
export function proposeSubgraphs(
  current: readonly SubgraphSchema[],
  given: readonly SubgraphSchema[],
): SubgraphSchema[] {
  const byName = new Map(current.map((subgraph) => [subgraph.name, subgraph]));
  for (const subgraph of given)
    byName.set(subgraph.name, { name: subgraph.name, url: subgraph.url, sdl: subgraph.sdl });
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The names of the subgraphs added, removed, or with another URL or SDL in `next` than in `current`, sorted. */
export function changedSubgraphs(
  current: readonly SubgraphSchema[],
  next: readonly SubgraphSchema[],
): string[] {
  const before = new Map(current.map((subgraph) => [subgraph.name, subgraph]));
  const after = new Map(next.map((subgraph) => [subgraph.name, subgraph]));
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => {
      const old = before.get(name);
      const now = after.get(name);
      return !old || !now || old.url !== now.url || old.sdl !== now.sdl;
    })
    .sort();
}
