/** A table the report prints twice: aligned text for the terminal, and Markdown as Prettier formats it. */
export interface Table {
  headers: string[];
  /** Per column: text left, numbers right. */
  align: Array<'left' | 'right'>;
  rows: string[][];
}

export function renderText(table: Table): string {
  const widths = columnWidths(table);
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, table.align[i]!)).join('  ');
  return [line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join(
    '\n',
  );
}

export function renderMarkdown(table: Table): string {
  const widths = columnWidths(table).map((width) => Math.max(width, 3));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => pad(cell, widths[i]!, table.align[i]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (table.align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
}

function columnWidths(table: Table): number[] {
  return table.headers.map((header, i) =>
    Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}
