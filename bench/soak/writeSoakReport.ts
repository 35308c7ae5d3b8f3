import { cpus, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult } from '../load/runLoad.js';
import type { MemorySample } from './sampleMemory.js';
import type { SoakOptions } from './soakOptions.js';

export interface SoakRun {
  options: SoakOptions;
  /** The image's `NODE_OPTIONS`, which every Node process ran with. */
  nodeOptions: string;
  database: string;
  /** The load each gateway got, by program name. */
  loads: Record<string, LoadResult>;
  samples: MemorySample[];
}

/** Seconds between the rows of the over-time table. */
const ROW_SECONDS = 30;

/**
 * Writes `soak-<stamp>.csv` (every sample of every process) and `soak-<stamp>.md` (the settings, the load, a
 * summary per process and RSS/heap over time) into `dir`; returns the Markdown file's path.
 */
export async function writeSoakReport(dir: string, stamp: string, run: SoakRun): Promise<string> {
  const csv = path.join(dir, `soak-${stamp}.csv`);
  const markdown = path.join(dir, `soak-${stamp}.md`);
  await writeFile(csv, renderCsv(run.samples));
  await writeFile(markdown, renderMarkdown(run, path.basename(csv)));
  return markdown;
}

const SPACES = ['new_space', 'old_space', 'code_space', 'large_object_space'];

function renderCsv(samples: readonly MemorySample[]): string {
  const header = [
    't_s',
    'phase',
    'process',
    'pid',
    'rss_mb',
    'heap_used_mb',
    'heap_total_mb',
    'after_full_gc_mb',
    'full_gcs',
    'external_mb',
  ];
  const rows = samples.map((s) =>
    [
      s.t,
      s.phase,
      s.process,
      s.pid,
      s.rssMb,
      s.heap?.usedMb ?? '',
      s.heap?.totalMb ?? '',
      s.heap?.afterFullGcMb ?? '',
      s.heap?.fullGcs ?? '',
      s.heap?.externalMb ?? '',
      ...SPACES.map((space) => s.heap?.spaces[space] ?? ''),
    ].join(','),
  );
  return [[...header, ...SPACES.map((space) => `${space}_mb`)].join(','), ...rows].join('\n') + '\n';
}

function renderMarkdown(run: SoakRun, csvName: string): string {
  const { options } = run;
  const processes = [...new Set(run.samples.map((s) => s.process))];
  const lines = [
    `# Soak ${csvName.replace(/^soak-|\.csv$/g, '')}`,
    '',
    `\`npm run soak -- --minutes ${options.minutes} --connections ${options.connections} --rate ${options.rate}\`` +
      (options.gatewayNodeOptions ? ` with gateway V8 flags \`${options.gatewayNodeOptions}\`` : '') +
      `: the compiled gateway (\`dist/gateway/main.js\`, \`GATEWAY_WORKERS=${options.workers}\`, ` +
      `\`NODE_ENV=production\`, \`NODE_OPTIONS=${run.nodeOptions}\` as in the image) twice, one caching in a Redis ` +
      "of the soak's own and one with `CACHE_ENABLED=false`, in front of the five compiled subgraphs on " +
      `${run.database}. Each gateway gets ${options.rate} requests/s over ${options.connections} connections for ` +
      `${options.minutes} min, rotating HomePage, CategoryPage, ProductPage and ProductPage signed in ` +
      `(${options.rotationSize} variables each); then ${options.idleMinutes} min without load. Memory every ` +
      `${options.sampleSeconds} s: RSS from \`/proc\`, heap from \`process.memoryUsage()\` in each process. ` +
      `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, shared with other work. Every sample: \`${csvName}\`.`,
    '',
    '## Load',
    '',
    '| gateway | answers | per second | failed (non-2xx, socket) | with GraphQL errors | p50 ms | p99 ms |',
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...Object.entries(run.loads).map(([name, load]) => {
      const sorted = [...load.latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return `| ${name} | ${load.requests} | ${(load.requests / load.seconds).toFixed(1)} | ${load.failures} | ${load.graphqlErrors} | ${Math.round(at(0.5))} | ${Math.round(at(0.99))} |`;
    }),
    '',
    '## Summary (MB)',
    '',
    'RSS from `/proc`. Start is the first sample after one minute of load; peak the highest RSS under load; after ' +
      'load the last sample of the idle stretch. Heap used counts garbage not yet collected, so it swings between ' +
      'collections; live is the heap used just after the last full (mark-compact) collection, what a leak would grow.',
    '',
    '| process | RSS before load | RSS start | RSS peak | RSS end of load | RSS after load | heap used under load, lowest–highest | heap total at end of load | live at start → end of load | full GCs |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...processes.map((name) =>
      summaryRow(
        name,
        run.samples.filter((s) => s.process === name),
      ),
    ),
    '',
    `## Over time (MB, RSS / V8 heap total / live after the last full GC, a row every ${ROW_SECONDS} s)`,
    '',
    `| t (s) | ${processes.join(' | ')} |`,
    `| --: | ${processes.map(() => '--:').join(' | ')} |`,
    ...timeRows(run.samples).map(
      ({ t, phase, byProcess }) =>
        `| ${t}${phase === 'idle' ? ' (idle)' : phase === 'before' ? ' (before)' : ''} | ${processes
          .map((name) => cell(byProcess.get(name)))
          .join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function summaryRow(name: string, samples: readonly MemorySample[]): string {
  const load = samples.filter((s) => s.phase === 'load');
  const before = samples.find((s) => s.phase === 'before');
  const start = load.find((s) => s.t >= 60) ?? load[0];
  const peak = load.reduce<MemorySample | undefined>(
    (top, s) => (!top || s.rssMb > top.rssMb ? s : top),
    undefined,
  );
  const end = load.at(-1);
  const after = samples.filter((s) => s.phase === 'idle').at(-1);
  const used = load.flatMap((s) => (s.heap ? [s.heap.usedMb] : []));
  const rss = (sample: MemorySample | undefined) => (sample ? String(Math.round(sample.rssMb)) : '');
  const mb = (value: number | undefined) => (value === undefined ? '?' : String(Math.round(value)));
  const heap = end?.heap
    ? [
        `${mb(Math.min(...used))}–${mb(Math.max(...used))}`,
        mb(end.heap.totalMb),
        `${mb(start?.heap?.afterFullGcMb)} → ${mb(end.heap.afterFullGcMb)}`,
        String(end.heap.fullGcs),
      ]
    : ['', '', '', ''];
  return `| ${[name, rss(before), rss(start), `${rss(peak)}${peak ? ` (${peak.t} s)` : ''}`, rss(end), rss(after), ...heap].join(' | ')} |`;
}

function cell(sample: MemorySample | undefined): string {
  if (!sample) return '';
  const rss = Math.round(sample.rssMb);
  if (!sample.heap) return String(rss);
  const live = sample.heap.afterFullGcMb === undefined ? '?' : Math.round(sample.heap.afterFullGcMb);
  return `${rss} / ${Math.round(sample.heap.totalMb)} / ${live}`;
}

/** The first sampling round in each `ROW_SECONDS` stretch, and the last round of all. */
function timeRows(
  samples: readonly MemorySample[],
): { t: number; phase: MemorySample['phase']; byProcess: Map<string, MemorySample> }[] {
  const rounds = new Map<number, MemorySample[]>();
  for (const sample of samples) {
    const round = rounds.get(sample.t) ?? [];
    round.push(sample);
    rounds.set(sample.t, round);
  }
  const times = [...rounds.keys()].sort((a, b) => a - b);
  const kept = times.filter(
    (t, index) =>
      index === 0 ||
      index === times.length - 1 ||
      Math.floor(t / ROW_SECONDS) !== Math.floor(times[index - 1]! / ROW_SECONDS),
  );
  return kept.map((t) => {
    const round = rounds.get(t)!;
    return { t, phase: round[0]!.phase, byProcess: new Map(round.map((s) => [s.process, s])) };
  });
}
