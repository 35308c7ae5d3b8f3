/**
 * `node --import tsx bench/report/profileSummary.ts <file.cpuprofile|folder>... [--top N] [--from S]`: where a
 * process spent its CPU, from the V8 profiles `npm run bench -- --cpu-prof` writes. Prints self time by owner (this
 * project's folder, a package, Node's internals, GC, idle), then the functions with the most self time. `--from`
 * leaves out the first S seconds of each profile (start-up: loading and compiling modules).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The parts of a `.cpuprofile` this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' } },
});
const top = Number(values.top);
const fromMs = Number(values.from) * 1000;

for (const file of await profileFiles(positionals)) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const { byOwner, byFunction, totalMs } = selfTimes(profile);
  const busyMs = totalMs - (byOwner.get('(idle)') ?? 0);
  console.log(`\n${file}\n  ${totalMs.toFixed(0)} ms sampled, ${busyMs.toFixed(0)} ms busy`);
  console.log('  self time by owner, % of busy:');
  for (const [owner, ms] of sorted(byOwner)
    .filter(([owner]) => owner !== '(idle)')
    .slice(0, top)) {
    console.log(`    ${percent(ms, busyMs)}  ${owner}`);
  }
  console.log('  functions, % of busy:');
  for (const [name, ms] of sorted(byFunction).slice(0, top))
    console.log(`    ${percent(ms, busyMs)}  ${name}`);
}

/** The `.cpuprofile` files named, or found in the folders named. */
async function profileFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of paths) {
    if (!(await stat(entry)).isDirectory()) files.push(entry);
    else {
      const names = await readdir(entry, { recursive: true });
      files.push(
        ...names.filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(entry, name)),
      );
    }
  }
  return files.sort();
}

/** Self time per owner and per function (ms): each sample is charged to the function it was in. */
function selfTimes(profile: CpuProfile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  let elapsedMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsedMs += ms;
    const frame = nodes.get(id);
    if (!frame || elapsedMs < fromMs) return;
    totalMs += ms;
    const owner = ownerOf(frame.url, frame.functionName);
    add(byOwner, owner, ms);
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    add(byFunction, `${name}${where}`, ms);
  });
  return { byOwner, byFunction, totalMs };
}

/** Who owns code at `url`: a package, a folder of this project, Node itself, or V8's own entries. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const relative = shortUrl(url).split('/');
  return relative.length > 1 ? `${relative.slice(0, -1).join('/')}/` : relative[0]!;
}

/** A project file's path from the repository root. */
function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  return path.relative(path.resolve(import.meta.dirname, '..', '..'), file);
}

function add(totals: Map<string, number>, key: string, ms: number): void {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

function sorted(totals: Map<string, number>): [string, number][] {
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}
