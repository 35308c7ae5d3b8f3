import { Kind, parse } from 'graphql';

/**
 * The subgraphs a supergraph routes to, name → routing URL, read from its `join__Graph` enum (each value's
 * `@join__graph(name:, url:)`). Cheaper than building the supergraph: only the document is parsed.
 */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const subgraphs: Record<string, string> = {};
  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph');
      const argument = (name: string) => {
        const found = directive?.arguments?.find((candidate) => candidate.name.value === name)?.value;
        return found?.kind === Kind.STRING ? found.value : undefined;
      };
      const name = argument('name');
      if (name) subgraphs[name] = argument('url') ?? '';
    }
  }
  return subgraphs;
}
