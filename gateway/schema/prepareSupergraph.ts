import { errorCauses, operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import { createHash } from 'node:crypto';
import { getOperationAST, validate } from 'graphql';
import { costRefusal } from '../limits/costRefusal.js';
import { readDeclaredCosts } from '../limits/declaredCosts.js';
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
 * Checks a candidate supergraph the way Apollo Gateway will load it, and plans every registered operation on it:
 * the SDL must parse and be a valid supergraph (its subgraphs extracted and validated, as composition left them),
 * each operation must validate against its API schema, stay within `costLimit` by the check every request meets
 * (`costRefusal`, with the supergraph's `@listSize` and `@cost` and the operation's example variables, else its
 * variables' defaults), and a query planner built for it must plan each one. The plans are those Apollo Gateway
 * would make (same planner, same default settings), so they can fill its plan cache before the first request.
 * Costs some 200 ms of CPU for the project's supergraph: once per new version.
 * @param costLimit the gateway's cost limit; default none, no operation is costed.
 */
export function prepareSupergraph(
  sdl: string,
  operations: readonly RegisteredOperation[],
  costLimit?: CostLimit,
): Preparation {
  let supergraph: Supergraph;
  try {
    supergraph = Supergraph.build(sdl, { validateSupergraph: true });
  } catch (error) {
    return { ok: false, problems: [`not a valid supergraph: ${describe(error)}`] };
  }
  const apiSchema = supergraph.apiSchema();
  const schema = apiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const problems: string[] = [];
  const plans = new Map<string, QueryPlan>();
  const declared = costLimit ? readDeclaredCosts(sdl) : undefined;
  for (const operation of operations) {
    const label = `${operation.name ?? 'anonymous operation'} (${operation.source})`;
    const errors = validate(schema, operation.document);
    if (errors.length > 0) {
      problems.push(`${label}: ${errors.map((error) => error.message).join(' ')}`);
      continue;
    }
    const definition = getOperationAST(operation.document, operation.name);
    if (costLimit && definition) {
      const variables = operation.variables ?? {};
      const refusal = costRefusal(schema, operation.document, definition, variables, {
        ...costLimit,
        declared,
      });
      if (refusal) {
        problems.push(`${label}: every request would be refused: ${refusal}`);
        continue;
      }
    }
    try {
      const options = operation.name ? { operationName: operation.name } : {};
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, operation.document, options));
      for (const key of planKeys(operation)) plans.set(key, plan);
    } catch (error) {
      problems.push(`${label}: cannot be planned: ${describe(error)}`);
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, supergraph: { sdl, version: schemaVersionOf(sdl), plans } };
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
