import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * A validation rule refusing an operation that selects more than `maxFields` fields, each fragment counted where it
 * is spread (memoised: a document of nested spreads costs one walk). graphql-js compares same-named fields of a
 * selection pairwise and abandons validation past its budget with a bare "Validation aborted." (800 repeats of
 * `id` do it); this limit refuses such an operation first, by name. `refusal` builds the error from the count.
 */
export function maxFieldsRule(maxFields: number, refusal: (count: number) => GraphQLError): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      const counted = new Map<string, number>();
      const visiting = new Set<string>();
      const countFragment = (name: string): number => {
        const known = counted.get(name);
        if (known !== undefined) return known;
        const fragment = fragments.get(name);
        // An unknown fragment or a cycle is another rule's refusal.
        if (!fragment || visiting.has(name)) return 0;
        visiting.add(name);
        const count = countSelections(fragment.selectionSet);
        visiting.delete(name);
        counted.set(name, count);
        return count;
      };
      const countSelections = (selectionSet: SelectionSetNode): number => {
        let count = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            count += 1 + (selection.selectionSet ? countSelections(selection.selectionSet) : 0);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            count += countSelections(selection.selectionSet);
          } else {
            count += countFragment(selection.name.value);
          }
        }
        return count;
      };
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const count = countSelections(definition.selectionSet);
        if (count > maxFields) context.reportError(refusal(count));
      }
      // Counted whole already: nothing below needs visiting by this rule.
      return false;
    },
  });
}
