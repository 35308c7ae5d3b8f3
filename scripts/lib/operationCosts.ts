import { getOperationAST, type GraphQLSchema } from 'graphql';
import { readDeclaredCosts } from '../../gateway/limits/declaredCosts.js';
import type { OperationLimitsConfig } from '../../gateway/limits/operationLimits.js';
import { operationCostBreakdown, type FieldPathCost } from '../../gateway/limits/operationCost.js';
import type { RegisteredOperation } from './readRegisteredOperations.js';

/** What an operation costs under a supergraph, as the gateway's cost limit counts it. */
export interface OperationCostCheck {
  client: string;
  operation: string;
  cost: number;
  /** The gateway's cost limit (`LIMIT_MAX_COST`). */
  limit: number;
  /** The three fields that cost most. */
  costliest: FieldPathCost[];
}

/**
 * The cost of each operation with its example variables, counted by the gateway's own `operationCostBreakdown`
 * with the `@listSize` and `@cost` declarations of `supergraphSdl`.
 */
export function operationCosts(
  operations: readonly RegisteredOperation[],
  apiSchema: GraphQLSchema,
  supergraphSdl: string,
  limits: Pick<OperationLimitsConfig, 'maxCost' | 'defaultListSize'>,
): OperationCostCheck[] {
  const declared = readDeclaredCosts(supergraphSdl);
  return operations.flatMap((operation) => {
    const definition = getOperationAST(operation.document);
    if (!definition) return [];
    const { cost, fields } = operationCostBreakdown(
      apiSchema,
      operation.document,
      definition,
      operation.variables ?? {},
      { declared, defaultListSize: limits.defaultListSize },
    );
    return [
      {
        client: operation.client,
        operation: operation.name,
        cost,
        limit: limits.maxCost,
        costliest: fields.slice(0, 3),
      },
    ];
  });
}
