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

/** A registered operation that does not fit a supergraph (invalid, over the cost limit, unplannable), and why. */
export interface Misfit {
  operation: RegisteredOperation;
  /** One line naming the operation, where it is registered (and its clients), and the problem. */
  problem: string;
}

/**
 * What a registered operation that does not fit a supergraph does: `refuse` the supergraph, or `warn`: the
 * supergraph is served and the operation left out (not planned, not warmed).
 */
export type MisfitPolicy = 'refuse' | 'warn';

/**
 * A supergraph ready to serve, with the operations left out of it (`warn` only), or why it must not be served
 * (one line per problem).
 */
export type Preparation =
  { ok: true; supergraph: PreparedSupergraph; skipped: Misfit[] } | { ok: false; problems: string[] };

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
 * @param misfit whether an operation that does not fit refuses the supergraph (default `refuse`) or is left out
 * and reported in `skipped` (`warn`). A supergraph that is not valid is refused either way.
 */
export function prepareSupergraph(
  sdl: string,
  operations: readonly RegisteredOperation[],
  costLimit?: CostLimit,
  misfit: MisfitPolicy = 'refuse',
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
  const misfits: Misfit[] = [];
  const plans = new Map<string, QueryPlan>();
  const declared = costLimit ? readDeclaredCosts(sdl) : undefined;
  for (const operation of operations) {
    const label = labelOf(operation);
    const problem = (text: string) => misfits.push({ operation, problem: `${label}: ${text}` });
    const errors = validate(schema, operation.document);
    if (errors.length > 0) {
      problem(errors.map((error) => error.message).join(' '));
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
        problem(`every request would be refused: ${refusal}`);
        continue;
      }
    }
    try {
      const options = operation.name ? { operationName: operation.name } : {};
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, operation.document, options));
      for (const key of planKeys(operation)) plans.set(key, plan);
    } catch (error) {
      problem(`cannot be planned: ${describe(error)}`);
    }
  }
  if (misfits.length > 0 && misfit === 'refuse') {
    return { ok: false, problems: misfits.map((each) => each.problem) };
  }
  return { ok: true, supergraph: { sdl, version: schemaVersionOf(sdl), plans }, skipped: misfits };
}

/** `Name (source)`, or `Name (client, client: source)` when the clients are known. */
function labelOf({ name, source, clients }: RegisteredOperation): string {
  const where = clients?.length ? `${clients.join(', ')}: ${source}` : source;
  return `${name ?? 'anonymous operation'} (${where})`;
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
