import { isIntrospectionType, isObjectType, type GraphQLSchema } from 'graphql';
import type { IRules } from 'graphql-shield';

/**
 * The fields of `schema` (as `Type.field`) that `permissions` gives no rule of their own, so that only the fallback
 * (deny) guards them. Introspection types are left out: shield does not guard them. A rule for a whole type, or a
 * type's `*` rule, counts as a rule for each of its fields.
 */
export function fieldsWithoutRule(schema: GraphQLSchema, permissions: IRules): string[] {
  if (isRule(permissions)) return [];
  const byType = permissions as Record<string, unknown>;
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !isIntrospectionType(type))
    .flatMap((type) => {
      const rules = byType[type.name];
      if (isRule(rules)) return [];
      const byField = (rules ?? {}) as Record<string, unknown>;
      if (isRule(byField['*'])) return [];
      const fields = Object.keys(isObjectType(type) ? type.getFields() : {});
      return fields.filter((field) => !isRule(byField[field])).map((field) => `${type.name}.${field}`);
    });
}

/** A shield rule, plain or logic (`and`, `or`, `allow`, …): both resolve. */
function isRule(value: unknown): boolean {
  return typeof (value as { resolve?: unknown } | undefined)?.resolve === 'function';
}
