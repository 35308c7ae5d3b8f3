import { errorCauses, operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import { createHash } from 'node:crypto';
import { getOperationAST, validate } from 'graphql';
import { costRefusal } from '../limits/costRefusal.js';
import { readDeclaredCosts } from '../limits/declaredCosts.js';
import { operationCost } from '../limits/operationCost.js';
import type { OperationLimitsConfig } from '../limits/operationLimits.js';
import type { RegisteredOperation } from './RegisteredOperations.js';
import { schemaVersionOf } from './schemaVersion.js';

/** A supergraph checked and planned, ready to be served. */
export interface PreparedSupergraph {
  sdl: string;
  /** See `schemaVersionOf`. */
  version: string;
  /** The query plan of every registered operation, under each key Apollo Gateway looks it up by. */
  plans: Map<string, QueryPlan>;
}

/** A supergraph ready to serve, or why it must not be served (one line per problem). */
export type Preparation = { ok: true; supergraph: PreparedSupergraph } | { ok: false; problems: string[] };

/** The gateway's cost limit, as requests are held to it (`LIMIT_MAX_COST`, `LIMIT_DEFAULT_LIST_SIZE`). */
export type CostLimit = Pick<OperationLimitsConfig, 'maxCost' | 'defaultListSize'>;

/**
 * Checks a candidate supergraph the way Apollo Gateway will load it, and plans every registered operation on it
 * (`prepareOperations`): the SDL must be a valid supergraph and every operation must validate, stay within
 * `costLimit` and plan. The plans are those Apollo Gateway would make (same planner, same default settings), so
 * they can fill its plan cache before the first request. Costs some 200 ms of CPU for the project's supergraph:
 * once per new version.
 * @param costLimit the gateway's cost limit; default none, no operation is costed.
 */
export function prepareSupergraph(
  sdl: string,
  operations: readonly RegisteredOperation[],
  costLimit?: CostLimit,
): Preparation {
  const prepared = prepareOperations(sdl, operations, costLimit);
  if (!prepared.ok) return { ok: false, problems: [prepared.problem] };
  const problems: string[] = [];
  const plans = new Map<string, QueryPlan>();
  for (const outcome of prepared.operations) {
    const { operation } = outcome;
    if (outcome.plan) {
      for (const key of planKeys(operation)) plans.set(key, outcome.plan);
    } else {
      problems.push(`${operation.name ?? 'anonymous operation'} (${operation.source}): ${outcome.problem}`);
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, supergraph: { sdl, version: schemaVersionOf(sdl), plans } };
}

/** What a supergraph does to one registered operation: its plan, or why no request for it could be served. */
export type OperationPreparation = {
  operation: RegisteredOperation;
  /** Its cost by the gateway's cost function, when costed (a cost limit given, and it validates). */
  cost?: number;
} & ({ plan: QueryPlan; problem?: undefined } | { plan?: undefined; problem: string });

/**
 * The per-operation half of `prepareSupergraph`, for callers that need each operation's outcome (the schema
 * check): the SDL must parse and be a valid supergraph (its subgraphs extracted and validated, as composition left
 * them), else `problem` says why; then each operation must validate against its API schema, stay within
 * `costLimit` by the check every request meets (`costRefusal`, with the supergraph's `@listSize` and `@cost` and
 * the operation's example variables, else its variables' defaults), and a query planner built for it must plan it.
 * @param costLimit the gateway's cost limit; default none, no operation is costed.
 */
export function prepareOperations(
  sdl: string,
  operations: readonly RegisteredOperation[],
  costLimit?: CostLimit,
): { ok: true; operations: OperationPreparation[] } | { ok: false; problem: string } {
  let supergraph: Supergraph;
  try {
    supergraph = Supergraph.build(sdl, { validateSupergraph: true });
  } catch (error) {
    return { ok: false, problem: `not a valid supergraph: ${describe(error)}` };
  }
  const apiSchema = supergraph.apiSchema();
  const schema = apiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const declared = costLimit ? readDeclaredCosts(sdl) : undefined;
  return {
    ok: true,
    operations: operations.map((operation): OperationPreparation => {
      const errors = validate(schema, operation.document);
      if (errors.length > 0) return { operation, problem: errors.map((error) => error.message).join(' ') };
      const definition = getOperationAST(operation.document, operation.name);
      let cost: number | undefined;
      if (costLimit && definition) {
        const variables = operation.variables ?? {};
        const options = { ...costLimit, declared };
        cost = operationCost(schema, operation.document, definition, variables, options);
        const refusal = costRefusal(schema, operation.document, definition, variables, options);
        if (refusal) return { operation, cost, problem: `every request would be refused: ${refusal}` };
      }
      const costed = cost === undefined ? {} : { cost };
      try {
        const options = operation.name ? { operationName: operation.name } : {};
        const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, operation.document, options));
        return { operation, ...costed, plan };
      } catch (error) {
        return { operation, ...costed, problem: `cannot be planned: ${describe(error)}` };
      }
    }),
  };
}

/**
 * The keys Apollo Gateway's executor stores a plan under: the SHA-256 of the query text (Apollo Server's
 * `queryHash`, also a persisted query's id), hashed again with the operation name when the request names one.
 */
export function planKeys(operation: Pick<RegisteredOperation, 'body' | 'name' | 'sole'>): string[] {
  const queryHash = createHash('sha256').update(operation.body).digest('hex');
  const keys = operation.name
    ? [createHash('sha256').update(queryHash).update(operation.name).digest('hex')]
    : [];
  if (operation.sole) keys.push(queryHash);
  return keys;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return (errorCauses(error) ?? [error]).map((cause) => cause.message).join(' ');
}
