import { parse, type DocumentNode } from 'graphql';
import type { SupergraphParts } from '../readSupergraph.js';
import type { PolicyFinding, Severity } from '../SchemaCheck.js';
import { schemaElements, type SchemaElement } from './schemaElements.js';

/** What a policy rule judges: the proposed supergraph, the baseline, and which subgraphs changed. */
export interface PolicyContext {
  /** The published supergraph; null when nothing is published yet. */
  baseline: SupergraphParts | null;
  proposed: SupergraphParts;
  /** The subgraphs the change is about. */
  changed: readonly string[];
  /** See `SchemaCheckInput.resolvedFields`. */
  resolvedFields: Readonly<Record<string, readonly string[]>>;
}

/** A finding before the configuration gives it a severity. */
export type RuleFinding = Omit<PolicyFinding, 'rule' | 'severity'>;

/** One policy rule (`registry/check/policy/<rule>.ts`), configured by name in `schema/policy.yaml`. */
export interface PolicyRule {
  /** Its name in `schema/policy.yaml`, such as `list-size`. */
  name: string;
  /** The severity it has when `schema/policy.yaml` does not name it. */
  defaultSeverity: Exclude<Severity, 'off'>;
  check(context: PolicyContext): RuleFinding[];
}

/** The SDL of one subgraph as `parts` records it, parsed: its types without the federation machinery. */
export function subgraphDocument(parts: SupergraphParts, subgraph: string): DocumentNode | undefined {
  const recorded = parts.subgraphs.get(subgraph);
  return recorded ? parse(recorded.toString()) : undefined;
}

/**
 * The subgraphs of the proposed supergraph that define `coordinate` (a type or `Type.field`) themselves (an
 * `@external` field is another subgraph's), the changed ones first.
 */
export function definingSubgraphs(context: PolicyContext, coordinate: string): string[] {
  const [typeName, fieldName] = coordinate.split('.');
  const defining = context.proposed.subgraphs.names().filter((name) => {
    const type = context.proposed.subgraphs.get(name)!.schema.type(typeName!);
    if (!type) return false;
    if (fieldName === undefined) return true;
    const field = 'field' in type ? type.field(fieldName) : undefined;
    return field !== undefined && field !== null && !field.hasAppliedDirective('external');
  });
  const changedFirst = (name: string) => (context.changed.includes(name) ? 0 : 1);
  return defining.sort((a, b) => changedFirst(a) - changedFirst(b));
}

/**
 * The elements (see `schemaElements`) a changed subgraph defines in the proposed supergraph that it did not in the
 * baseline, changed subgraphs in order: what the change adds. Everything is added when nothing is published.
 * @param anywhere count as added only what no subgraph of the baseline defined; default false, what this
 * subgraph did not.
 */
export function addedElements(
  context: PolicyContext,
  { anywhere = false }: { anywhere?: boolean } = {},
): { subgraph: string; element: SchemaElement }[] {
  const baselineNames = context.baseline?.subgraphs.names() ?? [];
  const before = (names: readonly string[]) =>
    new Set(
      names.flatMap((name) =>
        schemaElements(subgraphDocument(context.baseline!, name)!).map((element) => element.coordinate),
      ),
    );
  const everywhere = anywhere ? before(baselineNames) : undefined;
  return context.changed.flatMap((subgraph) => {
    const document = subgraphDocument(context.proposed, subgraph);
    if (!document) return [];
    const known = everywhere ?? before(baselineNames.filter((name) => name === subgraph));
    return schemaElements(document)
      .filter((element) => !known.has(element.coordinate))
      .map((element) => ({ subgraph, element }));
  });
}
