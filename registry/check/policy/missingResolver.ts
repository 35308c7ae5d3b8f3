import { Kind } from 'graphql';
import { hasDirective, schemaElements } from './schemaElements.js';
import { subgraphDocument, type PolicyRule } from './PolicyRule.js';

/**
 * `missing-resolver` (default `error`): every field of an object type in a subgraph's SDL is resolved by its code,
 * by a resolver or as a property of the parent its resolvers receive (`SchemaCheckInput.resolvedFields`), so a
 * field added to the SDL alone fails before it answers null (or an error) at run time. Judges the changed subgraphs
 * whose code is at hand (the CLI's local mode); the registry has none. `@external` fields are another subgraph's.
 */
export const missingResolver: PolicyRule = {
  name: 'missing-resolver',
  defaultSeverity: 'error',
  check(context) {
    const judged = Object.entries(context.resolvedFields).filter(([name]) => context.changed.includes(name));
    return judged.flatMap(([subgraph, resolved]) => {
      const document = subgraphDocument(context.proposed, subgraph);
      if (!document) return [];
      const known = new Set(resolved);
      return schemaElements(document).flatMap((element) => {
        if (element.kind !== 'field' || element.type.kind !== Kind.OBJECT_TYPE_DEFINITION) return [];
        if (hasDirective(element.node, 'external') || known.has(element.coordinate)) return [];
        return [
          {
            subgraph,
            coordinate: element.coordinate,
            message:
              `${element.coordinate} has no resolver in ${subgraph}, and the parent its resolvers receive has ` +
              `no "${element.name}": add a resolver to subgraphs/${subgraph}/resolvers/, or the property to the row`,
          },
        ];
      });
    });
  },
};
