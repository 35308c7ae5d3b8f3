import type { SchemaCheckReport } from './runSchemaCheck.js';

/** The report for a person: composition, changes, broken operations with their clients, costs, warnings, verdict. */
export function formatSchemaCheck(report: SchemaCheckReport): string {
  const lines: string[] = [];
  const subject = report.subgraph ? `subgraph ${report.subgraph}` : 'all subgraphs';
  lines.push(`Schema check: ${subject}, ${report.sdl ? `proposed SDL ${report.sdl}` : 'working tree'}`);

  if (!report.composition.ok) {
    lines.push(`Composition failed with ${report.composition.errors.length} error(s):`);
    for (const error of report.composition.errors)
      lines.push(`  [${error.subgraph ?? 'supergraph'}] ${error.message}`);
    lines.push('', 'Result: FAILED (composition)');
    return lines.join('\n');
  }
  lines.push('Composition: ok');

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

  lines.push('', 'Page operation costs:');
  const width = Math.max(0, ...report.costs.map((cost) => cost.operation.length));
  for (const cost of report.costs) {
    const verdict = cost.cost <= cost.limit ? 'within' : 'OVER';
    const costliest = cost.costliest.map((field) => `${field.path} (${field.cost})`).join(', ');
    lines.push(
      `  ${cost.operation.padEnd(width)} ${String(cost.cost).padStart(7)}  ${verdict} the limit of ${cost.limit}` +
        (costliest ? `; most expensive: ${costliest}` : ''),
    );
  }

  if (report.warnings.length) {
    lines.push('', 'Warnings:');
    for (const warning of report.warnings) lines.push(`  ${warning}`);
  }
  lines.push('', report.ok ? 'Result: ok' : `Result: FAILED (${broken.length} broken operation(s))`);
  return lines.join('\n');
}
