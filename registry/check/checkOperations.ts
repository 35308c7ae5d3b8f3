import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import {
  prepareOperations,
  type CostLimit,
  type OperationPreparation,
} from '../../gateway/schema/prepareSupergraph.js';
import type { RegisteredOperation } from '../../gateway/schema/RegisteredOperations.js';
import type { ClientOperation, OperationCheck, SchemaChange } from './SchemaCheck.js';
import { usedCoordinates } from './usedCoordinates.js';

/** What the registered operations make of a proposed supergraph. */
export interface OperationsOutcome {
  /** One per registered operation, in the order given. */
  checks: OperationCheck[];
  /** The breaking changes no registered operation uses. */
  unused: SchemaChange[];
}

/**
 * Checks every registered operation against the proposed supergraph exactly as the gateway would before serving
 * it (`prepareOperations`: validation, cost against `limits` by `costRefusal`, query planning; each distinct
 * document once, however many clients register it), and names the breaking `changes` each one uses: a schema
 * coordinate it reads in `baseline` (`usedCoordinates`) that a breaking change touches breaks it, even where it
 * still validates (a field's type changed from `String` to `Int`).
 * @param baseline the published API schema; null when nothing is published, and then no change is breaking.
 */
export function checkOperations(
  operations: readonly ClientOperation[],
  supergraphSdl: string,
  limits: CostLimit,
  baseline: GraphQLSchema | null,
  changes: readonly SchemaChange[],
): OperationsOutcome {
  const distinct = new Map<string, { document: DocumentNode | undefined; outcome?: OperationPreparation }>();
  const keyOf = (operation: ClientOperation) =>
    JSON.stringify([operation.name ?? null, operation.body, operation.variables ?? null]);
  const registered: RegisteredOperation[] = [];
  const unparsed = new Map<string, string>();
  for (const operation of operations) {
    const key = keyOf(operation);
    if (distinct.has(key)) continue;
    let document: DocumentNode | undefined;
    try {
      document = parse(operation.body);
    } catch (error) {
      unparsed.set(key, `not a GraphQL document: ${(error as Error).message}`);
    }
    distinct.set(key, { document });
    if (document) registered.push(registeredOperation(operation, document));
  }

  const prepared = prepareOperations(supergraphSdl, registered, limits);
  if (prepared.ok) {
    const keys = [...distinct.keys()].filter((key) => !unparsed.has(key));
    prepared.operations.forEach((outcome, index) => (distinct.get(keys[index]!)!.outcome = outcome));
  }

  const breaking = changes.filter((change) => change.criticality === 'breaking');
  const usedChanges = new Set<SchemaChange>();
  const checks = operations.map((operation): OperationCheck => {
    const key = keyOf(operation);
    const { document, outcome } = distinct.get(key)!;
    const problems: string[] = [];
    const problem = unparsed.get(key) ?? (prepared.ok ? outcome?.problem : prepared.problem);
    if (problem) problems.push(problem);
    if (document && baseline) {
      const used = usedCoordinates(baseline, document);
      for (const change of breaking) {
        const coordinate = usedCoordinateOf(change, used);
        if (coordinate === undefined) continue;
        usedChanges.add(change);
        problems.push(`uses ${coordinate}: ${change.message}`);
      }
    }
    return {
      client: operation.client,
      source: operation.source,
      operation: operation.name ?? 'anonymous operation',
      ...(outcome?.cost === undefined ? {} : { cost: outcome.cost }),
      problems,
    };
  });
  return { checks, unused: breaking.filter((change) => !usedChanges.has(change)) };
}

function registeredOperation(operation: ClientOperation, document: DocumentNode): RegisteredOperation {
  const count = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  ).length;
  return {
    name: operation.name,
    source: operation.source,
    body: operation.body,
    document,
    sole: count === 1,
    ...(operation.variables ? { variables: operation.variables } : {}),
  };
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
