import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Options of {@link operationCost}. */
export interface OperationCostOptions {
  /** How many items a list field is assumed to return when no size argument says. Default 10. */
  defaultListSize?: number;
  /** Arguments whose value is the number of items a field returns. Default `first`, `last`, `limit`. */
  sizeArguments?: readonly string[];
}

/** The list size assumed when nothing in the operation or the schema bounds it. */
export const DEFAULT_LIST_SIZE = 10;

/** Argument names that bound how many items a field returns. */
export const LIST_SIZE_ARGUMENTS: readonly string[] = ['first', 'last', 'limit'];

/**
 * The cost of running `operation` with `variables`: every field costs 1 for each time it is resolved, that
 * is the product of the sizes of the lists enclosing it. A list field's size is its size argument (`first`,
 * `last`, `limit`: a literal, a variable, the variable's default, or the argument's schema default), else 10.
 * A connection (a non-list field with a size argument, such as `products(first: 24)`) passes its size on to
 * its list children (`edges`, `nodes`) instead. `__typename` and introspection fields are free. The branches
 * of abstract types are added up, so the cost is an upper bound.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  options: OperationCostOptions = {},
): number {
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
  const sizeArguments = options.sizeArguments ?? LIST_SIZE_ARGUMENTS;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  // A fragment's cost scales linearly with where it is spread, so each is computed once per carried size.
  const fragmentCosts = new Map<string, number>();

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionSetCost(operation.selectionSet, rootType, undefined) : 0;

  /** Cost of resolving `selectionSet` once on `parentType`; `carried`: a connection's size for its lists. */
  function selectionSetCost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    carried: number | undefined,
  ): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parentType, carried);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        cost += selectionSetCost(selection.selectionSet, type, carried);
      } else {
        cost += fragmentCost(selection.name.value, carried);
      }
    }
    return cost;
  }

  function fieldCost(node: FieldNode, parentType: GraphQLNamedType | undefined, carried: number | undefined) {
    if (node.name.value.startsWith('__')) return 0;
    const field =
      isObjectType(parentType) || isInterfaceType(parentType)
        ? parentType.getFields()[node.name.value]
        : undefined;
    if (!node.selectionSet) return 1;
    const size = field ? sizeOf(node, field) : undefined;
    const childType = field ? getNamedType(field.type) : undefined;
    if (field && isListType(getNullableType(field.type))) {
      const items = size ?? carried ?? defaultListSize;
      return 1 + items * selectionSetCost(node.selectionSet, childType, undefined);
    }
    return 1 + selectionSetCost(node.selectionSet, childType, size);
  }

  function fragmentCost(name: string, carried: number | undefined): number {
    const key = `${name}\n${carried ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    // Validation forbids fragment cycles; the placeholder only keeps an unvalidated document from looping.
    fragmentCosts.set(key, 0);
    const cost = selectionSetCost(
      fragment.selectionSet,
      schema.getType(fragment.typeCondition.name.value),
      carried,
    );
    fragmentCosts.set(key, cost);
    return cost;
  }

  /** The value of the field's size argument, if it has one that resolves to a non-negative integer. */
  function sizeOf(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
    for (const argument of field.args) {
      if (!sizeArguments.includes(argument.name)) continue;
      const value = argumentValue(node, argument);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  function argumentValue(node: FieldNode, argument: GraphQLArgument): number | undefined {
    const given = node.arguments?.find((a) => a.name.value === argument.name)?.value;
    let value: unknown = argument.defaultValue;
    if (given?.kind === Kind.VARIABLE) {
      const name = given.name.value;
      const fallback = variableDefaults.get(name);
      if (variables[name] !== undefined) value = variables[name];
      else if (fallback) value = literal(fallback);
    } else if (given) {
      value = literal(given);
    }
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  }
}

function literal(node: ValueNode): unknown {
  return node.kind === Kind.INT ? Number(node.value) : undefined;
}
