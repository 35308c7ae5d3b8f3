import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationLimitsConfig } from '../../gateway/limits/operationLimits.js';
import { checkOperations, type OperationCheck } from './checkOperations.js';
import { classifyChanges, type SchemaChange } from './classifyChanges.js';
import { composeSupergraph, readSupergraphConfig } from './composeSupergraph.js';
import { operationCosts, type OperationCostCheck } from './operationCosts.js';
import { readRegisteredOperations, STOREFRONT_CLIENT } from './readRegisteredOperations.js';
import { supergraphApiSchema } from './supergraphApiSchema.js';

/** What to check, and against what. */
export interface SchemaCheckOptions {
  /** The repository root; paths in the report are relative to it. */
  root: string;
  /** Rover's supergraph config (`supergraph.yaml`). */
  configPath: string;
  /** The committed supergraph, whose API schema is the baseline (`schema/supergraph.graphql`). */
  baselinePath: string;
  /** The page operations (`schema/operations/`). */
  operationsDir: string;
  /** The client registry (`CLIENTS_PATH`). */
  clientsPath: string;
  /** The persisted-query manifest of `persisted-only` clients (`PERSISTED_QUERY_MANIFEST_PATH`). */
  manifestPath: string;
  /** The subgraph whose change is checked; without `sdlPath`, it only labels the report. */
  subgraph?: string;
  /** The proposed SDL of `subgraph`, in place of its file in `supergraph.yaml`. */
  sdlPath?: string;
  /** The gateway's cost settings the page operations are measured with. */
  limits: Pick<OperationLimitsConfig, 'maxCost' | 'defaultListSize'>;
}

/**
 * The outcome of `npm run schema:check` (printed as is with `--json`).
 * - `ok`: false on composition errors or any broken operation; the command exits 1 then, else 0.
 * - `composition.errors`: each with the subgraph it comes from (`null` when composition names none).
 * - `changes`: the API schema's changes from the baseline, most critical first.
 * - `operations`: every registered operation with its client; a broken one has `problems`.
 * - `costs`: each page operation's cost under the new supergraph, with the limit and its three costliest fields.
 * - `warnings`: breaking changes no registered operation uses.
 * After composition errors, `changes`, `operations` and `costs` are empty.
 */
export interface SchemaCheckReport {
  ok: boolean;
  subgraph: string | null;
  sdl: string | null;
  composition: { ok: boolean; errors: { subgraph: string | null; message: string }[] };
  changes: SchemaChange[];
  operations: OperationCheck[];
  costs: OperationCostCheck[];
  warnings: string[];
}

/**
 * Composes the subgraphs with the proposed change, diffs the new API schema against the baseline's, and checks
 * every registered operation against it: validation, breaking changes it uses, and (page operations) its cost
 * over the gateway's limit.
 */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckReport> {
  const entries = await readSupergraphConfig(options.configPath);
  if (options.subgraph !== undefined && !entries.some((entry) => entry.name === options.subgraph)) {
    const known = entries.map((entry) => entry.name).join(', ');
    throw new Error(
      `Unknown subgraph "${options.subgraph}"; ${path.basename(options.configPath)} has ${known}`,
    );
  }
  const proposed = options.sdlPath ? path.resolve(options.sdlPath) : undefined;
  const composed = await composeSupergraph(
    entries.map((entry) =>
      proposed && entry.name === options.subgraph ? { ...entry, schemaFile: proposed } : entry,
    ),
  );
  const report: SchemaCheckReport = {
    ok: composed.ok,
    subgraph: options.subgraph ?? null,
    sdl: proposed ? displayPath(options.root, proposed) : null,
    composition: {
      ok: composed.ok,
      errors: composed.ok ? [] : byChangedSubgraph(composed.errors, options.subgraph),
    },
    changes: [],
    operations: [],
    costs: [],
    warnings: [],
  };
  if (!composed.ok) return report;

  const before = supergraphApiSchema(await readFile(options.baselinePath, 'utf8'));
  const after = composed.apiSchema;
  const operations = await readRegisteredOperations(options);
  report.changes = await classifyChanges(before, after);
  const { checks, unused } = checkOperations(operations, before, after, report.changes);
  report.costs = operationCosts(
    operations.filter((operation) => operation.client === STOREFRONT_CLIENT),
    after,
    composed.supergraphSdl,
    options.limits,
  );
  for (const cost of report.costs) {
    if (cost.cost <= cost.limit) continue;
    const check = checks.find((c) => c.client === cost.client && c.operation === cost.operation);
    check?.problems.push(`costs ${cost.cost}, over the gateway's limit of ${cost.limit}`);
  }
  report.operations = checks;
  report.warnings = unused.map((change) => `Breaking change no registered operation uses: ${change.message}`);
  report.ok = checks.every((check) => check.problems.length === 0);
  return report;
}

/** `file` relative to `root` when it is inside it, else absolute. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** An error that names the changed subgraph among others (a type mismatch names both sides) is the change's. */
function byChangedSubgraph<T extends { subgraph: string | null; message: string }>(
  errors: readonly T[],
  changed: string | undefined,
): T[] {
  return errors.map((error) =>
    changed !== undefined && error.message.includes(`"${changed}"`) ? { ...error, subgraph: changed } : error,
  );
}
