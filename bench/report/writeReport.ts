import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchReport } from './BenchReport.js';
import { renderReadmeSection, renderReportMarkdown } from './renderReport.js';

const README_START = '<!-- bench:latest:start -->';
const README_END = '<!-- bench:latest:end -->';

/**
 * Writes the Markdown and JSON reports to `resultsDir`: a full run as `latest.md`, `latest.json` and a dated copy,
 * and refreshes the summary in the README between its bench markers; a quick run as `quick.md` and `quick.json`
 * only (they are not kept in git). Returns the Markdown file's path.
 */
export async function writeReport(
  report: BenchReport,
  resultsDir: string,
  readmePath: string,
): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const markdown = renderReportMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (report.settings.quick) {
    await writeFile(path.join(resultsDir, 'quick.json'), json);
    await writeFile(path.join(resultsDir, 'quick.md'), markdown);
    return path.join(resultsDir, 'quick.md');
  }
  const stamp = report.machine.date.slice(0, 16).replace(/:/g, '-');
  await writeFile(path.join(resultsDir, `${stamp}.md`), markdown);
  await writeFile(path.join(resultsDir, 'latest.json'), json);
  await writeFile(path.join(resultsDir, 'latest.md'), markdown);
  await updateReadme(readmePath, renderReadmeSection(report));
  return path.join(resultsDir, 'latest.md');
}

async function updateReadme(readmePath: string, section: string): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return;
  const updated = `${readme.slice(0, start + README_START.length)}\n\n${section}\n\n${readme.slice(end)}`;
  await writeFile(readmePath, updated);
}
