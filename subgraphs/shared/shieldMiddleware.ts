import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap, IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, shield, type IRules } from 'graphql-shield';

type ShieldOptions = NonNullable<Parameters<typeof shield>[1]>;

/**
 * Shield's field middleware for `schema`, without the fields whose rule is shield's `allow`.
 *
 * Shield wraps every field in an async middleware that awaits the field's rule before resolving it, so each field
 * of each list item costs a few promises on every request, and no field can resolve synchronously. `allow` always
 * passes, so on those fields the wrapper changes nothing but the cost; which fields they are is known from the
 * rules alone, once, at start-up. Every other field keeps the middleware shield generated for it, unchanged: its
 * own rule, the type's rule or `*` rule, or the fallback rule for a field with none.
 */
export function shieldMiddleware(
  schema: GraphQLSchema,
  rules: IRules,
  options: ShieldOptions,
): IMiddlewareTypeMap {
  // Shield generates a map by type and field, one entry for every field of every object type (generator.js).
  const generated = shield(rules, options).generate(schema) as IMiddlewareTypeMap;
  // Shield's own default when no fallback rule is given.
  const fallbackRule = options.fallbackRule ?? allow;
  const guarded: IMiddlewareTypeMap = {};
  for (const [type, fields] of Object.entries(generated)) {
    const kept = Object.entries(fields as IMiddlewareFieldMap).filter(
      ([field]) => ruleOf(rules, type, field, fallbackRule) !== allow,
    );
    if (kept.length > 0) guarded[type] = Object.fromEntries(kept);
  }
  return guarded;
}

/**
 * The rule shield applies to `type.field`, looked up as shield 7 does: a rule for the whole schema, else the type's
 * rule, else the field's rule, the type's `*` rule or the fallback rule, in that order. A type entry that is neither
 * a rule nor a map of rules gets the fallback rule for every field, as in shield.
 */
function ruleOf(rules: IRules, type: string, field: string, fallbackRule: unknown): unknown {
  if (isRule(rules)) return rules;
  const typeRules = (rules as Record<string, unknown>)[type];
  if (typeRules === undefined) return fallbackRule;
  if (isRule(typeRules)) return typeRules;
  if (typeof typeRules !== 'object' || typeRules === null) return fallbackRule;
  const byField = typeRules as Record<string, unknown>;
  if (!Object.values(byField).every(isRule)) return fallbackRule;
  return byField[field] ?? (byField['*'] || fallbackRule);
}

/** A shield rule, plain or logic (`and`, `or`, `allow`, …): each has a `resolve` method. */
function isRule(value: unknown): boolean {
  return typeof (value as { resolve?: unknown } | null | undefined)?.resolve === 'function';
}
