import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import {
  operationCost,
  operationCostBreakdown,
  type OperationCostBreakdown,
  type OperationCostOptions,
} from './operationCost.js';

/** Options of {@link costRefusal}: how to count, and the limit. */
export interface CostLimitOptions extends OperationCostOptions {
  /** The highest cost allowed (`LIMIT_MAX_COST`). */
  maxCost: number;
}

/** How many list fields (or, in an operation without lists, fields) a refusal names. */
const NAMED = 3;

/**
 * Why `operation` with `variables` is over the cost limit, or undefined when it is within it: the one check of the
 * cost limit, for each request (`operationLimitPlugins`) and for every registered operation before a new supergraph
 * is served (`prepareSupergraph`). The message names the list fields that cost most, by response path, with the
 * size counted for each and what it costs with everything under it, so a client knows which list to shrink:
 * `Query cost 50603 exceeds the limit of 10000. Most expensive lists: me.wishlist.items (size 100, cost 50601), …`.
 * Only a refusal pays for the breakdown.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: CostLimitOptions,
): string | undefined {
  const { maxCost, ...costOptions } = options;
  const cost = operationCost(schema, document, operation, variables, costOptions);
  if (cost <= maxCost) return undefined;
  const breakdown = operationCostBreakdown(schema, document, operation, variables, costOptions);
  return `Query cost ${cost} exceeds the limit of ${maxCost}.${costliest(breakdown)}`;
}

/** The lists that cost most; the fields that do when the operation selects no list. */
function costliest({ fields, lists }: OperationCostBreakdown): string {
  if (lists.length > 0) {
    const named = lists.slice(0, NAMED).map((list) => `${list.path} (size ${list.size}, cost ${list.cost})`);
    return ` Most expensive lists: ${named.join(', ')}.`;
  }
  const named = fields.slice(0, NAMED).map((field) => `${field.path} (${field.cost})`);
  return named.length > 0 ? ` Most expensive fields: ${named.join(', ')}.` : '';
}
