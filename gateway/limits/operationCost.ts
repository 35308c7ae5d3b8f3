import {
  getNamedType,
  getNullableType,
  isAbstractType,
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
import { readDeclaredCosts, type DeclaredCosts, type FieldCost } from './declaredCosts.js';

/** Options of {@link operationCost}. */
export interface OperationCostOptions {
  /** How many items a list field is assumed to return when nothing declares or says. Default 10. */
  defaultListSize?: number;
  /**
   * Arguments whose value is the number of items a field returns, for fields without `@listSize`.
   * Default `first`, `last`, `limit`.
   */
  sizeArguments?: readonly string[];
  /**
   * The `@cost` and `@listSize` declarations (`readDeclaredCosts`). Default: those applied in `schema`'s own
   * SDL; an API schema from Apollo Gateway has none, so pass the supergraph's.
   */
  declared?: DeclaredCosts;
}

/** The list size assumed when nothing in the operation or the schema bounds it. */
export const DEFAULT_LIST_SIZE = 10;

/** Argument names that bound how many items a field without `@listSize` returns. */
export const LIST_SIZE_ARGUMENTS: readonly string[] = ['first', 'last', 'limit'];

/** A connection's size, for its list fields named in `fields` (all of them when not declared). */
interface Carried {
  size: number;
  fields: readonly string[] | undefined;
}

/**
 * The cost of running `operation` with `variables`: every field costs its weight (`@cost`, else 1) for each
 * time it is resolved, that is the product of the sizes of the lists enclosing it. A list field's size is,
 * in order: the value of its slicing argument (`@listSize(slicingArguments:)`, or `first`/`last`/`limit`
 * when it declares no `@listSize`: a literal, a variable, the variable's default, or the argument's schema
 * default; the largest when several are given), the size its connection passes on, its
 * `@listSize(assumedSize:)`, else 10. A connection (a non-list field with a slicing argument, such as
 * `products(first: 24)`) passes its size on to its list fields named in `@listSize(sizedFields:)` (`edges`,
 * `nodes`), or to all of them when it declares none. `__typename` and introspection fields are free. On an
 * abstract type, the cost is that of its most expensive possible type, as only one applies per object.
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
  const declared = options.declared ?? readDeclaredCosts(schema);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  // A fragment's cost scales linearly with where it is spread, so each is computed once per type and carried size.
  const fragmentCosts = new Map<string, number>();

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionSetCost(operation.selectionSet, rootType, undefined) : 0;

  /** Cost of resolving `selectionSet` once on an object of `parentType`; `carried`: a connection's size. */
  function selectionSetCost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): number {
    if (!isAbstractType(parentType)) return costOn(selectionSet, parentType, carried);
    const possibleTypes = schema.getPossibleTypes(parentType);
    if (possibleTypes.length === 0) return costOn(selectionSet, parentType, carried);
    return Math.max(...possibleTypes.map((type) => costOn(selectionSet, type, carried)));
  }

  /** Cost of `selectionSet` on an object of `type`: fragments for other types do not run. */
  function costOn(
    selectionSet: SelectionSetNode,
    type: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, type, carried);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, type)) {
          cost += costOn(selection.selectionSet, type, carried);
        }
      } else {
        cost += fragmentCost(selection.name.value, type, carried);
      }
    }
    return cost;
  }

  /** Whether a fragment on `condition` runs on an object of `type`. */
  function applies(condition: string | undefined, type: GraphQLNamedType | undefined): boolean {
    if (condition === undefined || !type || condition === type.name) return true;
    const conditionType = schema.getType(condition);
    return isAbstractType(conditionType) && isObjectType(type) && schema.isSubType(conditionType, type);
  }

  function fieldCost(
    node: FieldNode,
    parentType: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ) {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 1;
    const field = parentType.getFields()[name];
    const declaration = declared.get(`${parentType.name}.${name}`);
    const weight = declaration?.weight ?? 1;
    if (!field || !node.selectionSet) return weight;
    const childType = getNamedType(field.type);
    const listSize = declaresListSize(declaration);
    const slicing = listSize ? (declaration?.slicingArguments ?? []) : sizeArguments;
    const size = sizeOf(node, field, slicing);
    if (isListType(getNullableType(field.type))) {
      const fromConnection =
        carried && (!carried.fields || carried.fields.includes(name)) ? carried.size : undefined;
      const items = size ?? fromConnection ?? declaration?.assumedSize ?? defaultListSize;
      return weight + items * selectionSetCost(node.selectionSet, childType, undefined);
    }
    const passed = size === undefined ? undefined : { size, fields: declaration?.sizedFields };
    return weight + selectionSetCost(node.selectionSet, childType, passed);
  }

  function fragmentCost(
    name: string,
    type: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): number {
    const fragment = fragments.get(name);
    if (!fragment || !applies(fragment.typeCondition.name.value, type)) return 0;
    const key = `${name}\n${type?.name ?? ''}\n${carried?.size ?? ''}\n${carried?.fields?.join() ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    // Validation forbids fragment cycles; the placeholder only keeps an unvalidated document from looping.
    fragmentCosts.set(key, 0);
    const cost = costOn(fragment.selectionSet, type, carried);
    fragmentCosts.set(key, cost);
    return cost;
  }

  /** The largest value given to one of the `slicing` arguments, if one resolves to a non-negative integer. */
  function sizeOf(
    node: FieldNode,
    field: GraphQLField<unknown, unknown>,
    slicing: readonly string[],
  ): number | undefined {
    let size: number | undefined;
    for (const argument of field.args) {
      if (!slicing.includes(argument.name)) continue;
      const value = argumentValue(node, argument);
      if (value !== undefined) size = Math.max(size ?? 0, value);
    }
    return size;
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

/** Whether the field has a `@listSize`; without one, the `first`/`last`/`limit` convention sizes it. */
function declaresListSize(declaration: FieldCost | undefined): boolean {
  return (
    declaration !== undefined &&
    (declaration.assumedSize !== undefined ||
      declaration.slicingArguments !== undefined ||
      declaration.sizedFields !== undefined)
  );
}

function literal(node: ValueNode): unknown {
  return node.kind === Kind.INT ? Number(node.value) : undefined;
}
