import { schemaVersionOf } from '../../gateway/schema/schemaVersion.js';
import { checkOperations } from './checkOperations.js';
import { classifyChanges } from './classifyChanges.js';
import { composeSupergraph } from './composeSupergraph.js';
import { runPolicy } from './policy/runPolicy.js';
import { changedSubgraphs, readSupergraph, type SupergraphParts } from './readSupergraph.js';
import type { SchemaCheckInput, SchemaCheckReport } from './SchemaCheck.js';

/**
 * The schema check, for the CLI's local mode and the registry alike: composes the proposed subgraphs (errors and
 * hints with the composition library's codes, each attributed to its subgraphs, the changed ones first); diffs the
 * proposed API schema against the baseline's (breaking, dangerous, safe); checks every registered operation of
 * every client as the gateway would before serving the supergraph (validation, cost against the limit, planning)
 * and names the breaking changes each uses; and runs the policy rules. With `input.changed` empty, the changed
 * subgraphs are those whose schema differs from the baseline's.
 *
 * Fails on composition errors (not approvable), a broken registered operation or an `error` policy finding
 * (approvable). After composition errors nothing else is checked. Throws only when the baseline is not a
 * supergraph.
 */
export async function runSchemaCheck(input: SchemaCheckInput): Promise<SchemaCheckReport> {
  const baseline = input.baseline ? readSupergraph(input.baseline.supergraphSdl) : null;
  const composition = composeSupergraph(input.subgraphs, input.changed);
  const report: SchemaCheckReport = {
    ok: composition.ok,
    approvable: composition.ok,
    changed: [...input.changed],
    composition: {
      ok: composition.ok,
      errors: composition.ok ? [] : composition.errors,
      hints: composition.hints,
    },
    supergraphSdl: null,
    schemaVersion: null,
    changes: [],
    operations: [],
    costLimit: input.limits.maxCost,
    policy: [],
    warnings: [],
  };
  if (!composition.ok) return report;

  const { supergraphSdl } = composition;
  const proposed: SupergraphParts = readSupergraph(supergraphSdl);
  if (input.changed.length === 0) {
    const order = input.subgraphs.map((subgraph) => subgraph.name);
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    report.changed = changedSubgraphs(baseline?.subgraphs ?? null, proposed.subgraphs).sort(
      (a, b) => rank(a) - rank(b),
    );
  }
  report.supergraphSdl = supergraphSdl;
  report.schemaVersion = schemaVersionOf(supergraphSdl);
  report.changes = baseline ? await classifyChanges(baseline.apiSchema, proposed.apiSchema) : [];

  const { checks, unused } = checkOperations(
    input.operations,
    supergraphSdl,
    input.limits,
    baseline?.apiSchema ?? null,
    report.changes,
  );
  report.operations = checks;
  report.warnings = unused.map((change) => `Breaking change no registered operation uses: ${change.message}`);
  report.policy = runPolicy(input.policy, {
    baseline,
    proposed,
    changed: report.changed,
    resolvedFields: input.resolvedFields ?? {},
  });
  report.ok =
    checks.every((check) => check.problems.length === 0) &&
    report.policy.every((finding) => finding.severity !== 'error');
  return report;
}
