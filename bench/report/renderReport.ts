import type { BenchReport } from './BenchReport.js';
import { pageTable, ratioTable } from './tables.js';
import { renderMarkdown, renderText, type Table } from './Table.js';

/** The whole report as terminal text. */
export function renderReportText(report: BenchReport): string {
  const parts = [machineLine(report), ''];
  for (const suite of report.suites) {
    for (const page of suite.pages)
      parts.push(`${suite.name}: ${page}`, renderText(pageTable(suite, page)), '');
  }
  parts.push('targets', renderText(ratioTable(report.ratios)));
  if (report.failures.length > 0) parts.push('', ...report.failures.map((failure) => `FAILED: ${failure}`));
  return parts.join('\n');
}

/** The whole report as the Markdown file in bench/results/. */
export function renderReportMarkdown(report: BenchReport): string {
  const parts = [
    '# Benchmark results',
    '',
    machineLine(report),
    '',
    'What each column is and how it is measured: [bench/README.md](../README.md).',
    '',
    '## Targets',
    '',
    renderMarkdown(ratioTable(report.ratios)),
  ];
  for (const suite of report.suites) {
    parts.push(
      '',
      `## ${suite.name === 'pages' ? 'Pages (real subgraphs)' : 'Gateway only (canned subgraphs)'}`,
    );
    if (suite.replayMisses)
      parts.push('', `Requests the canned subgraphs had not recorded: ${suite.replayMisses}.`);
    for (const page of suite.pages) parts.push('', `### ${page}`, '', renderMarkdown(pageTable(suite, page)));
  }
  if (report.failures.length > 0) parts.push('', '## Failures', '', ...report.failures.map((f) => `- ${f}`));
  return `${parts.join('\n')}\n`;
}

/** The README's summary: requests per second of every column on every page, and the targets. */
export function renderReadmeSection(report: BenchReport): string {
  return [
    machineLine(report),
    '',
    renderMarkdown(summaryTable(report)),
    '',
    renderMarkdown(ratioTable(report.ratios)),
  ].join('\n');
}

function summaryTable(report: BenchReport): Table {
  const headers = ['req/s'];
  const rows = new Map<string, string[]>();
  for (const suite of report.suites) {
    for (const page of suite.pages) {
      headers.push(suite.name === 'pages' ? page : `${page}, gateway only`);
      for (const { id, label } of suite.columns) {
        const cells = rows.get(label) ?? [label, ...Array<string>(headers.length - 2).fill('–')];
        const cell = suite.cells[page]?.[id];
        cells.push(cell ? cell.rps.toFixed(cell.rps < 100 ? 1 : 0) : '–');
        rows.set(label, cells);
      }
      for (const cells of rows.values()) if (cells.length < headers.length) cells.push('–');
    }
  }
  return { headers, align: headers.map((_, i) => (i === 0 ? 'left' : 'right')), rows: [...rows.values()] };
}

function machineLine(report: BenchReport): string {
  const { machine: m, settings: s } = report;
  return (
    `${s.quick ? 'Quick run' : 'Run'} of ${m.date} on ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ` +
    `Node ${m.node}, ${m.database}${m.redis ? ', Redis' : ''}; commit ${m.commit}. ${plural(s.rounds, 'round')} of ` +
    `${s.durationSeconds} s per column and page, ${s.connections} connections, rotations of ${s.rotationSize} ` +
    `requests per page (gateway only: ${s.gatewayOnlyRotationSize}). Load generator, gateways, subgraphs and ` +
    'database share these cores.'
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
