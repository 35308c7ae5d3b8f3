import type { SchemaCheckReport } from '../check/SchemaCheck.js';
import type { VersionAction } from '../store/RegistryStore.js';

/** One line on why a check failed and what to do about it. */
export function describeFailure(report: SchemaCheckReport, action: VersionAction): string {
  const broken = report.operations.filter((check) => check.problems.length > 0);
  const policyErrors = report.policy.filter((finding) => finding.severity === 'error');
  const reasons = [
    ...(broken.length > 0
      ? [
          `it breaks ${broken.length} registered operation(s): ${broken
            .map((check) => `${check.operation} (${check.client})`)
            .join(', ')}`,
        ]
      : []),
    ...(policyErrors.length > 0
      ? [
          `${policyErrors.length} policy error(s): ${policyErrors.map((finding) => finding.message).join('; ')}`,
        ]
      : []),
  ];
  if (!report.approvable)
    return `The check failed and cannot be approved: ${reasons.join('; ') || 'see the report'}`;
  const approve = action === 'publish' ? 'approve it with a reason' : 'give a reason';
  return `The check failed: ${reasons.join('; ') || 'see the report'}. To ${action} anyway, ${approve}`;
}
