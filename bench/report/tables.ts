import type { Ratio } from './ratios.js';
import type { CellSummary, SuiteSummary } from './summarize.js';
import type { Table } from './Table.js';

/** The table of one page of a suite: one row per column. */
export function pageTable(suite: SuiteSummary, page: string): Table {
  const canned = suite.name === 'gateway only';
  const headers = [
    'column',
    'req/s',
    'p50 ms',
    'p99 ms',
    'p99/p50',
    'errors',
    'CPU ms/req gateway',
    canned ? 'canned subgraphs' : 'subgraphs',
    ...(canned ? [] : ['database']),
    'RSS MB',
    'procs',
    'subgraph req/op',
    ...(canned ? [] : ['SQL/op']),
  ];
  const rows = suite.columns.flatMap(({ id, label }) => {
    const cell = suite.cells[page]?.[id];
    return cell ? [row(label, cell, canned)] : [];
  });
  return { headers, align: headers.map((_, i) => (i === 0 ? 'left' : 'right')), rows };
}

function row(label: string, cell: CellSummary, canned: boolean): string[] {
  const cpu = (name: string) => {
    const value = cell.cpuMsPerRequest[name];
    return value === undefined ? '–' : fixed(value, 2);
  };
  return [
    label,
    fixed(cell.rps, cell.rps < 100 ? 1 : 0),
    fixed(cell.p50Ms, 1),
    fixed(cell.p99Ms, 1),
    cell.p50Ms > 0 ? fixed(cell.p99Ms / cell.p50Ms, 1) : '–',
    String(cell.errors),
    cpu('gateway'),
    canned ? cpu('canned subgraphs') : cpu('subgraphs'),
    ...(canned ? [] : [cpu('database')]),
    fixed(cell.gatewayRssMb, 0),
    String(cell.gatewayProcesses),
    fixed(cell.subgraphRequestsPerOperation, 2),
    ...(canned ? [] : [fixed(cell.statementsPerOperation, 1)]),
  ];
}

export function ratioTable(ratios: readonly Ratio[]): Table {
  return {
    headers: ['target', 'page', 'ratio'],
    align: ['left', 'left', 'right'],
    rows: ratios.map((ratio) => [ratio.name, ratio.page, `${fixed(ratio.value, 2)}×`]),
  };
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
