import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { readDeclaredCosts, type DeclaredCosts } from '../../../gateway/limits/declaredCosts.js';
import { definingSubgraphs, type PolicyRule } from './PolicyRule.js';

/**
 * The list fields of `schema` whose size nothing bounds, by coordinate: no `@listSize(assumedSize:)` of their own
 * (a slicing argument alone leaves a request without it unbounded), and not sized by every field that returns
 * their type (`@listSize(sizedFields:)` of a connection field). The gateway's cost limit assumes `LIMIT_DEFAULT_LIST_SIZE`
 * items for those.
 */
export function unboundedLists(schema: GraphQLSchema, declared: DeclaredCosts): string[] {
  const fields = Object.values(schema.getTypeMap()).flatMap((type) =>
    !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type))
      ? Object.values(type.getFields()).map((field) => ({ owner: type.name, field }))
      : [],
  );
  const sizedByEveryParent = (owner: string, name: string) => {
    const parents = fields.filter(({ field }) => getNamedType(field.type).name === owner);
    return (
      parents.length > 0 &&
      parents.every((parent) =>
        declared.get(`${parent.owner}.${parent.field.name}`)?.sizedFields?.includes(name),
      )
    );
  };
  return fields
    .filter(({ field }) => isListType(getNullableType(field.type)))
    .filter(({ owner, field }) => declared.get(`${owner}.${field.name}`)?.assumedSize === undefined)
    .filter(({ owner, field }) => !sizedByEveryParent(owner, field.name))
    .map(({ owner, field }) => `${owner}.${field.name}`);
}

/**
 * `list-size` (default `error`): every list field of the API schema is bounded (`unboundedLists`), so the
 * gateway's cost limit counts what an operation really costs. Judges the lists the change leaves unbounded that
 * the baseline bounded or did not have, so a supergraph published before the rule does not fail every check.
 */
export const listSize: PolicyRule = {
  name: 'list-size',
  defaultSeverity: 'error',
  check(context) {
    const unbounded = (parts: { apiSchema: GraphQLSchema; supergraphSdl: string }) =>
      unboundedLists(parts.apiSchema, readDeclaredCosts(parts.supergraphSdl));
    const before = new Set(context.baseline ? unbounded(context.baseline) : []);
    return unbounded(context.proposed)
      .filter((coordinate) => !before.has(coordinate))
      .map((coordinate) => ({
        subgraph: definingSubgraphs(context, coordinate)[0] ?? null,
        coordinate,
        message:
          `${coordinate} is a list nothing bounds: give it @listSize(assumedSize: n), or size it from every ` +
          'field that returns its type with @listSize(sizedFields: [...]); else the cost limit guesses its size',
      }));
  },
};
