import {
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DefinitionNode,
  type GraphQLSchema,
} from 'graphql';

/** What the schema declares about one field with the demand-control directives (`@cost`, `@listSize`). */
export interface FieldCost {
  /** `@cost(weight:)`: what resolving the field once costs, instead of 1. */
  weight?: number;
  /** `@listSize(assumedSize:)`: how many items the list holds when no slicing argument says. */
  assumedSize?: number;
  /** `@listSize(slicingArguments:)`: the arguments whose value is the number of items returned. */
  slicingArguments?: readonly string[];
  /** `@listSize(sizedFields:)`: the list fields of the returned object that the slicing arguments size. */
  sizedFields?: readonly string[];
}

/** The declared costs of a schema, by `Type.field`. */
export type DeclaredCosts = ReadonlyMap<string, FieldCost>;

/** The demand-control spec Federation composes into the supergraph (`@link(url: "…/cost/v0.1")`). */
export const COST_SPEC_URL = 'https://specs.apollo.dev/cost/';

/**
 * The `@cost` and `@listSize` applications on the fields of `source`: a supergraph SDL, or a schema built from
 * SDL that applies them itself. The API schema Apollo Gateway serves has none: read the supergraph SDL for it.
 * Directive names follow the schema's `@link` to the cost spec (imports, `as`); without one, `@cost` and
 * `@listSize`.
 */
export function readDeclaredCosts(source: string | GraphQLSchema): DeclaredCosts {
  const definitions = typeof source === 'string' ? parse(source).definitions : schemaDefinitions(source);
  const names = directiveNames(definitions);
  const costs = new Map<string, FieldCost>();
  for (const definition of definitions) {
    if (!('fields' in definition) || !('name' in definition) || !definition.name) continue;
    for (const field of definition.fields ?? []) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const cost = fieldCost(field.directives ?? [], names);
      if (cost) costs.set(`${definition.name.value}.${field.name.value}`, cost);
    }
  }
  return costs;
}

function fieldCost(directives: readonly ConstDirectiveNode[], names: DirectiveNames): FieldCost | undefined {
  let cost: FieldCost | undefined;
  for (const directive of directives) {
    const args = argumentsOf(directive);
    if (directive.name.value === names.cost) {
      cost = { ...cost, ...pick({ weight: integer(args['weight']) }) };
    } else if (directive.name.value === names.listSize) {
      cost = {
        ...cost,
        ...pick({
          assumedSize: integer(args['assumedSize']),
          slicingArguments: strings(args['slicingArguments']),
          sizedFields: strings(args['sizedFields']),
        }),
      };
    }
  }
  return cost;
}

interface DirectiveNames {
  cost: string;
  listSize: string;
}

/**
 * Names by the link spec: an imported directive goes by its import (or its `as`); otherwise the spec's own
 * directive goes by the namespace (`@cost`) and the others by `namespace__name` (`@cost__listSize`).
 */
function directiveNames(definitions: readonly DefinitionNode[]): DirectiveNames {
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const args = argumentsOf(directive);
      const url = args['url'];
      if (directive.name.value !== 'link' || typeof url !== 'string' || !url.startsWith(COST_SPEC_URL))
        continue;
      const namespace = typeof args['as'] === 'string' ? args['as'] : 'cost';
      const imported = importedNames(args['import']);
      return {
        cost: imported.get('@cost') ?? namespace,
        listSize: imported.get('@listSize') ?? `${namespace}__listSize`,
      };
    }
  }
  return { cost: 'cost', listSize: 'listSize' };
}

/** `import: ["@listSize", { name: "@cost", as: "@weight" }]` → `@listSize` → `listSize`, `@cost` → `weight`. */
function importedNames(value: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of Array.isArray(value) ? value : []) {
    const { name, as } =
      typeof entry === 'string' ? { name: entry, as: entry } : (entry as Record<string, unknown>);
    if (typeof name === 'string') names.set(name, (typeof as === 'string' ? as : name).replace(/^@/, ''));
  }
  return names;
}

function schemaDefinitions(schema: GraphQLSchema): DefinitionNode[] {
  const nodes: (DefinitionNode | null | undefined)[] = [schema.astNode, ...schema.extensionASTNodes];
  for (const type of Object.values(schema.getTypeMap())) nodes.push(type.astNode, ...type.extensionASTNodes);
  return nodes.filter((node): node is DefinitionNode => node != null);
}

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    (directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]),
  );
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function strings(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** `value` without its undefined entries, so spreading it keeps what an earlier directive set. */
function pick<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
