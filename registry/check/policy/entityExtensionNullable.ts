import { Kind, print, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import type { SupergraphParts } from '../readSupergraph.js';
import { hasDirective } from './schemaElements.js';
import { addedElements, subgraphDocument, type PolicyRule } from './PolicyRule.js';

/**
 * `entity-extension-nullable` (default `error`): a field a subgraph adds to an entity another subgraph owns is
 * nullable. The gateway answers partially when a subgraph fails (its fields null, the rest served), which only
 * works if the fields it adds to another subgraph's entity may be null: a non-null one turns a failure of the
 * extending subgraph into a null for the whole entity, or the whole answer.
 *
 * An entity's owners are the subgraphs that define it with a non-null field besides its keys and `@external`
 * fields (catalog owns `Product`: `name: String!`), read in the baseline when the entity is there, else in the
 * proposed supergraph; a subgraph that adds only nullable fields extends it. Only fields the change adds are
 * judged, and none of an owner's.
 */
export const entityExtensionNullable: PolicyRule = {
  name: 'entity-extension-nullable',
  defaultSeverity: 'error',
  check(context) {
    return addedElements(context).flatMap(({ subgraph, element }) => {
      if (element.kind !== 'field' || element.node.type.kind !== Kind.NON_NULL_TYPE) return [];
      if (element.type.kind !== Kind.OBJECT_TYPE_DEFINITION || !hasDirective(element.type, 'key')) return [];
      if (hasDirective(element.node, 'external') || keyFields(element.type).has(element.name)) return [];
      const typeName = element.type.name.value;
      const owners = ownersOf(typeName, context.baseline) ?? ownersOf(typeName, context.proposed);
      if (!owners || owners.length === 0 || owners.includes(subgraph)) return [];
      return [
        {
          subgraph,
          coordinate: element.coordinate,
          message:
            `${subgraph} adds ${element.coordinate}: ${print(element.node.type)} to the entity ${typeName}, ` +
            `which ${owners.join(' and ')} owns: a field added to another subgraph's entity must be nullable, ` +
            'so an answer without this subgraph can still be partial',
        },
      ];
    });
  },
};

/** The subgraphs of `parts` that own the entity `typeName`; undefined when none defines it. */
function ownersOf(typeName: string, parts: SupergraphParts | null): string[] | undefined {
  if (!parts) return undefined;
  const definitions = parts.subgraphs
    .names()
    .map((name) => ({ name, type: objectType(subgraphDocument(parts, name), typeName) }))
    .filter((entry): entry is { name: string; type: ObjectTypeDefinitionNode } => entry.type !== undefined);
  if (definitions.length === 0) return undefined;
  return definitions
    .filter(({ type }) => {
      const keys = keyFields(type);
      return (type.fields ?? []).some(
        (field) =>
          field.type.kind === Kind.NON_NULL_TYPE &&
          !keys.has(field.name.value) &&
          !hasDirective(field, 'external'),
      );
    })
    .map(({ name }) => name);
}

function objectType(document: DocumentNode | undefined, name: string): ObjectTypeDefinitionNode | undefined {
  return document?.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === name,
  );
}

/** The top-level fields named in the type's `@key(fields:)` selections. */
function keyFields(type: ObjectTypeDefinitionNode): Set<string> {
  const names = new Set<string>();
  for (const directive of type.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (fields?.kind !== Kind.STRING) continue;
    // Top level only: what is inside braces belongs to nested objects.
    let depth = 0;
    for (const token of fields.value.match(/[{}]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
      if (token === '{') depth += 1;
      else if (token === '}') depth -= 1;
      else if (depth === 0) names.add(token);
    }
  }
  return names;
}
