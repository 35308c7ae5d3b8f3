import { composeSupergraph } from '../../../composeSupergraph.js';
import { changedSubgraphs, readSupergraph, type SupergraphParts } from '../../../readSupergraph.js';
import type { PolicyContext } from '../../PolicyRule.js';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@listSize"])\n';

/** Subgraphs by name, each SDL given without its `@link`. */
export type Sdl = Readonly<Record<string, string>>;

/** The supergraph composed from `sdl`; fails the test when it does not compose. */
export function supergraphOf(sdl: Sdl): SupergraphParts {
  const composition = composeSupergraph(
    Object.entries(sdl).map(([name, body]) => ({ name, url: `http://${name}/graphql`, sdl: LINK + body })),
  );
  if (!composition.ok) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  return readSupergraph(composition.supergraphSdl);
}

/** What a rule sees when `proposed` replaces `baseline` (none: nothing published); changed subgraphs derived. */
export function policyContext(
  baseline: Sdl | null,
  proposed: Sdl,
  resolvedFields: PolicyContext['resolvedFields'] = {},
): PolicyContext {
  const before = baseline ? supergraphOf(baseline) : null;
  const after = supergraphOf(proposed);
  return {
    baseline: before,
    proposed: after,
    changed: changedSubgraphs(before?.subgraphs ?? null, after.subgraphs),
    resolvedFields,
  };
}
