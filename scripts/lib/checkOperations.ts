import { validate, type GraphQLSchema } from 'graphql';
import type { SchemaChange } from './classifyChanges.js';
import type { RegisteredOperation } from './readRegisteredOperations.js';
import { usedCoordinates } from './usedCoordinates.js';

/** What a schema change does to one registered operation. */
export interface OperationCheck {
  client: string;
  source: string;
  operation: string;
  /** Why the operation would fail under the new schema; empty when it would not. */
  problems: string[];
}

/**
 * Checks each operation against the new API schema `after`: it must validate (graphql-js `validate`), and use no
 * schema coordinate (read in `before`) that one of the breaking `changes` touches. Also returns the breaking
 * changes that no operation uses.
 */
export function checkOperations(
  operations: readonly RegisteredOperation[],
  before: GraphQLSchema,
  after: GraphQLSchema,
  changes: readonly SchemaChange[],
): { checks: OperationCheck[]; unused: SchemaChange[] } {
  const breaking = changes.filter((change) => change.criticality === 'breaking');
  const usedChanges = new Set<SchemaChange>();
  const checks = operations.map((operation) => {
    const problems = validate(after, operation.document).map((error) => error.message);
    const used = usedCoordinates(before, operation.document);
    for (const change of breaking) {
      const coordinate = usedCoordinateOf(change, used);
      if (coordinate === undefined) continue;
      usedChanges.add(change);
      const problem = `uses ${coordinate}: ${change.message}`;
      if (!problems.includes(problem)) problems.push(problem);
    }
    return { client: operation.client, source: operation.source, operation: operation.name, problems };
  });
  return { checks, unused: breaking.filter((change) => !usedChanges.has(change)) };
}

/**
 * The coordinate by which an operation that reads `used` depends on `change`: its path; for something added (a
 * required argument or input field), what it is added to.
 */
function usedCoordinateOf(change: SchemaChange, used: ReadonlySet<string>): string | undefined {
  if (change.path === null) return undefined;
  if (used.has(change.path)) return change.path;
  const owner = change.path.split('.').slice(0, -1).join('.');
  return change.type.endsWith('_ADDED') && used.has(owner) ? owner : undefined;
}
