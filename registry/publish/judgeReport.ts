import type { OperationCheck, SchemaCheckReport } from '../check/SchemaCheck.js';
import type { ExcludedOperation, StoredOperation } from '../store/RegistryStore.js';

/** The registry's verdict on a check report, given what the current version already excludes. */
export interface Judgement {
  /** The report, with `ok` the registry's verdict and a warning for each operation that stays excluded. */
  report: SchemaCheckReport;
  /** Every registered operation the proposed supergraph breaks: a version made of it does not serve them. */
  excluded: ExcludedOperation[];
}

/**
 * Judges a check report the way publish, rollback and `POST /subgraphs/:name/check` all do. An operation an earlier
 * approved version already broke (in `alreadyExcluded`, the current version's exclusions) does not fail the check
 * again: it was approved once, and every later publish of any team would otherwise need the same approval. It stays
 * excluded, and the report says so. Every other failure stands as the check reported it.
 */
export function judgeReport(
  report: SchemaCheckReport,
  operations: readonly StoredOperation[],
  alreadyExcluded: readonly ExcludedOperation[],
): Judgement {
  const broken = report.operations
    .filter((check) => check.problems.length > 0)
    .flatMap((check) => {
      const operation = storedOperationOf(check, operations);
      return operation ? [{ check, operation }] : [];
    });
  const excludedIds = new Set(alreadyExcluded.map((operation) => operation.id));
  const stillBroken = broken.filter(({ operation }) => excludedIds.has(operation.id));
  const onlyOldBreaks =
    broken.length > 0 &&
    report.composition.ok &&
    !report.policy.some((finding) => finding.severity === 'error') &&
    broken.length === report.operations.filter((check) => check.problems.length > 0).length &&
    stillBroken.length === broken.length;
  return {
    report: {
      ...report,
      ok: report.ok || onlyOldBreaks,
      warnings: [
        ...report.warnings,
        ...stillBroken.map(
          ({ check }) =>
            `${check.operation} (${check.client}, ${check.source}) stays unserved: an approved version broke it before`,
        ),
      ],
    },
    excluded: broken.map(({ operation }) => ({
      id: operation.id,
      client: operation.client,
      name: operation.name ?? null,
      source: operation.source,
    })),
  };
}

/**
 * The stored operation a report's entry is about: same client and source, then the same name (a folder of page
 * operations is one source for several); the only one of that client and source when names do not tell.
 */
function storedOperationOf(
  check: OperationCheck,
  operations: readonly StoredOperation[],
): StoredOperation | undefined {
  const candidates = operations.filter(
    (operation) => operation.client === check.client && operation.source === check.source,
  );
  return (
    candidates.find((operation) => operation.name === check.operation) ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}
