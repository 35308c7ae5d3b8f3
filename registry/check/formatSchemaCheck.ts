import type { CompositionIssue, SchemaCheckReport } from './SchemaCheck.js';

/**
 * The report for a person: the subgraphs checked, composition errors and hints with their codes and subgraphs,
 * the API schema's changes, broken operations with their clients, every operation's cost against the limit,
 * policy findings, warnings, and the verdict (whether approval could publish it anyway).
 */
export function formatSchemaCheck(report: SchemaCheckReport): string {
  const lines: string[] = [];
  const subject = report.changed.length > 0 ? report.changed.join(', ') : 'no subgraph changed';
  lines.push(`Schema check: ${subject}${report.baseline ? `, against ${report.baseline}` : ''}`);

  const issue = (kind: string, { code, subgraphs, message }: CompositionIssue) =>
    `  ${kind} ${code} [${subgraphs.join(', ') || 'supergraph'}] ${message}`;
  if (!report.composition.ok) {
    lines.push(`Composition failed with ${report.composition.errors.length} error(s):`);
    for (const error of report.composition.errors) lines.push(issue('error', error));
    lines.push('', 'Result: FAILED (composition; cannot be approved)');
    return lines.join('\n');
  }
  lines.push(`Composition: ok, ${report.composition.hints.length} hint(s)`);
  for (const hint of report.composition.hints) lines.push(issue('hint', hint));

  const count = (criticality: string) => report.changes.filter((c) => c.criticality === criticality).length;
  lines.push(
    '',
    `API schema changes: ${report.changes.length} (${count('breaking')} breaking, ${count('dangerous')} dangerous, ` +
      `${count('safe')} safe)`,
  );
  for (const change of report.changes) lines.push(`  ${change.criticality.padEnd(9)} ${change.message}`);

  const broken = report.operations.filter((check) => check.problems.length > 0);
  lines.push('', `Registered operations: ${report.operations.length} checked, ${broken.length} broken`);
  for (const check of broken) {
    lines.push(`  BROKEN ${check.operation} (client ${check.client}, ${check.source})`);
    for (const problem of check.problems) lines.push(`    ${problem}`);
  }

  lines.push('', `Operation costs (limit ${report.costLimit}):`);
  const width = Math.max(0, ...report.operations.map((check) => `${check.client} ${check.operation}`.length));
  for (const check of report.operations) {
    const cost = check.cost === undefined ? '-' : String(check.cost);
    const verdict = check.cost === undefined ? '' : check.cost <= report.costLimit ? '  within' : '  OVER';
    lines.push(`  ${`${check.client} ${check.operation}`.padEnd(width)} ${cost.padStart(7)}${verdict}`);
  }

  const errors = report.policy.filter((finding) => finding.severity === 'error');
  lines.push('', `Policy: ${report.policy.length} finding(s), ${errors.length} error(s)`);
  for (const finding of report.policy) {
    lines.push(
      `  ${finding.severity.padEnd(5)} ${finding.rule} [${finding.subgraph ?? 'supergraph'}] ${finding.message}`,
    );
  }

  if (report.warnings.length) {
    lines.push('', 'Warnings:');
    for (const warning of report.warnings) lines.push(`  ${warning}`);
  }
  const reasons = [
    ...(broken.length > 0 ? [`${broken.length} broken operation(s)`] : []),
    ...(errors.length > 0 ? [`${errors.length} policy error(s)`] : []),
  ];
  lines.push(
    '',
    report.ok ? 'Result: ok' : `Result: FAILED (${reasons.join(', ')}; can be approved with a reason)`,
  );
  return lines.join('\n');
}
