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
import { readDeclaredCosts, type DeclaredCosts } from './declaredCosts.js';

/** Options of {@link operationCost} and {@link operationCostBreakdown}. */
export interface OperationCostOptions {
  /**
   * How many items a list field is assumed to hold when its schema declares no `@listSize` and no connection
   * sizes it. Default {@link DEFAULT_LIST_SIZE}.
   */
  defaultListSize?: number;
  /**
   * The `@cost` and `@listSize` declarations (`readDeclaredCosts`). Default: those applied in `schema`'s own
   * SDL; an API schema from Apollo Gateway has none, so pass the supergraph's.
   */
  declared?: DeclaredCosts;
}

/**
 * The list size assumed for a list field nothing in the schema bounds. Calibrated on supergraphs that declare no
 * `@listSize`: ordinary queries nest up to four such lists, and at 5 items each a query selecting 12 fields at each
 * of four levels costs 9,756, under the default cost limit of 10,000 (the innermost fields run 5⁴ = 625 times);
 * six nested lists cost 15,625 for one innermost field, and are refused.
 */
export const DEFAULT_LIST_SIZE = 5;

/** One field of an operation, by its response path, and what resolving it costs over the whole operation. */
export interface FieldPathCost {
  /** Response keys from the root, dot-separated (`category.products.nodes.name`); fragments add nothing. */
  path: string;
  /** The field's weight times the number of times it is resolved: its share of the operation's cost. */
  cost: number;
}

/**
 * A list field of an operation that multiplies the cost of what it selects: what a client shrinks to bring the
 * cost down.
 */
export interface ListFieldCost {
  /** Response keys from the root, dot-separated (`categoryPage.products`). */
  path: string;
  /** The number of items counted for it (see {@link operationCost}): given, declared or assumed. */
  size: number;
  /** What the field and everything selected under it cost over the whole operation. */
  cost: number;
}

/** An operation's cost and the fields it comes from. */
export interface OperationCostBreakdown {
  cost: number;
  /** Every field with a non-zero share, most expensive first; the shares add up to `cost`. */
  fields: readonly FieldPathCost[];
  /**
   * Every list field with a selection, most expensive first; nested lists each appear, their costs included in
   * those of the lists around them.
   */
  lists: readonly ListFieldCost[];
}

/**
 * The cost of running `operation` with `variables`: every field costs its weight (`@cost`, else 1) for each
 * time it is resolved, that is the product of the sizes of the lists enclosing it. A list field's size is, in
 * order: the value of one of its `@listSize(slicingArguments:)` (a literal, a variable, the variable's default,
 * or the argument's schema default; the largest when several are given), the size its connection passes on,
 * its `@listSize(assumedSize:)`, else `defaultListSize`. Argument names mean nothing by themselves: a `first`
 * the schema does not declare as a slicing argument sizes nothing. A connection (a non-list field with a
 * slicing argument, such as `products(first: 24)`) passes its size on to its list fields named in
 * `@listSize(sizedFields:)` (`edges`, `nodes`), or to all of them when it names none. `__typename` and
 * introspection fields are free. On an abstract type, the cost is that of its most expensive possible type,
 * as only one applies per object.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  options: OperationCostOptions = {},
): number {
  return measure(schema, document, operation, variables, options, false).total;
}

/**
 * {@link operationCost}, with the share of every field: what a refusal shows so that a client sees where the
 * cost comes from. Slower than `operationCost`; compute it when the figure alone is not enough.
 */
export function operationCostBreakdown(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  options: OperationCostOptions = {},
): OperationCostBreakdown {
  const { total, paths, lists } = measure(schema, document, operation, variables, options, true);
  const fields = [...(paths ?? [])]
    .filter(([, cost]) => cost > 0)
    .map(([path, cost]) => ({ path, cost }))
    .sort((a, b) => b.cost - a.cost);
  const listCosts = [...(lists ?? [])]
    .map(([path, list]) => ({ path, ...list }))
    .sort((a, b) => b.cost - a.cost || a.path.localeCompare(b.path));
  return { cost: total, fields, lists: listCosts };
}

/**
 * A cost, and when asked for, each field's share and each list field's size and cost by response path, relative to
 * where it was measured.
 */
interface Cost {
  total: number;
  paths: Map<string, number> | undefined;
  lists: Map<string, { size: number; cost: number }> | undefined;
}

/** A connection's size, for its list fields named in `fields` (all of them when not declared). */
interface Carried {
  size: number;
  fields: readonly string[] | undefined;
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: OperationCostOptions,
  withPaths: boolean,
): Cost {
  const defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
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
  const fragmentCosts = new Map<string, Cost>();
  const zero = (): Cost => ({
    total: 0,
    paths: withPaths ? new Map() : undefined,
    lists: withPaths ? new Map() : undefined,
  });

  const rootType = schema.getRootType(operation.operation);
  return rootType ? selectionSetCost(operation.selectionSet, rootType, undefined) : zero();

  /** Cost of resolving `selectionSet` once on an object of `parentType`; `carried`: a connection's size. */
  function selectionSetCost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): Cost {
    if (!isAbstractType(parentType)) return costOn(selectionSet, parentType, carried);
    const possibleTypes = schema.getPossibleTypes(parentType);
    if (possibleTypes.length === 0) return costOn(selectionSet, parentType, carried);
    let highest: Cost | undefined;
    for (const type of possibleTypes) {
      const cost = costOn(selectionSet, type, carried);
      if (!highest || cost.total > highest.total) highest = cost;
    }
    return highest ?? zero();
  }

  /** Cost of `selectionSet` on an object of `type`: fragments for other types do not run. */
  function costOn(
    selectionSet: SelectionSetNode,
    type: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): Cost {
    const cost = zero();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        add(cost, fieldCost(selection, type, carried));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, type)) {
          add(cost, costOn(selection.selectionSet, type, carried));
        }
      } else {
        add(cost, fragmentCost(selection.name.value, type, carried));
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
  ): Cost {
    const name = node.name.value;
    if (name.startsWith('__')) return zero();
    const key = node.alias?.value ?? name;
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) return own(key, 1);
    const field = parentType.getFields()[name];
    const declaration = declared.get(`${parentType.name}.${name}`);
    const weight = declaration?.weight ?? 1;
    if (!field || !node.selectionSet) return own(key, weight);
    const childType = getNamedType(field.type);
    const size = sizeOf(node, field, declaration?.slicingArguments ?? []);
    if (isListType(getNullableType(field.type))) {
      const fromConnection =
        carried && (!carried.fields || carried.fields.includes(name)) ? carried.size : undefined;
      const items = size ?? fromConnection ?? declaration?.assumedSize ?? defaultListSize;
      const cost = nest(key, weight, items, selectionSetCost(node.selectionSet, childType, undefined));
      cost.lists?.set(key, { size: items, cost: cost.total });
      return cost;
    }
    const passed = size === undefined ? undefined : { size, fields: declaration?.sizedFields };
    return nest(key, weight, 1, selectionSetCost(node.selectionSet, childType, passed));
  }

  function fragmentCost(
    name: string,
    type: GraphQLNamedType | undefined,
    carried: Carried | undefined,
  ): Cost {
    const fragment = fragments.get(name);
    if (!fragment || !applies(fragment.typeCondition.name.value, type)) return zero();
    const key = `${name}\n${type?.name ?? ''}\n${carried?.size ?? ''}\n${carried?.fields?.join() ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known) return known;
    // Validation forbids fragment cycles; the placeholder only keeps an unvalidated document from looping.
    fragmentCosts.set(key, zero());
    const cost = costOn(fragment.selectionSet, type, carried);
    fragmentCosts.set(key, cost);
    return cost;
  }

  /** A leaf field's cost: its weight, all of it its own. */
  function own(key: string, weight: number): Cost {
    if (!withPaths) return { total: weight, paths: undefined, lists: undefined };
    return { total: weight, paths: new Map([[key, weight]]), lists: new Map() };
  }

  /** A field of `weight` whose selection, costing `child` once, runs `times` times; child paths go under `key`. */
  function nest(key: string, weight: number, times: number, child: Cost): Cost {
    const cost = own(key, weight);
    cost.total += times * child.total;
    for (const [path, share] of child.paths ?? []) cost.paths?.set(`${key}.${path}`, times * share);
    for (const [path, list] of child.lists ?? []) {
      cost.lists?.set(`${key}.${path}`, { size: list.size, cost: times * list.cost });
    }
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

/** Adds `part` into `sum`; the same path spread twice (fragments, repeated fields) adds up. */
function add(sum: Cost, part: Cost): void {
  sum.total += part.total;
  for (const [path, share] of part.paths ?? []) sum.paths?.set(path, (sum.paths.get(path) ?? 0) + share);
  for (const [path, list] of part.lists ?? []) {
    const known = sum.lists?.get(path);
    // Selections merge under one response key, so the list is one list of the larger size.
    sum.lists?.set(
      path,
      known ? { size: Math.max(known.size, list.size), cost: known.cost + list.cost } : list,
    );
  }
}

function literal(node: ValueNode): unknown {
  return node.kind === Kind.INT ? Number(node.value) : undefined;
}
