/**
 * Compares two V8 heap snapshots (`--snapshots` writes them into `bench/.data/soak/<run>/snapshots/`) by what their
 * objects are: constructor name for objects, the node type otherwise (strings, code, arrays, closures, …). Prints
 * the groups whose self size changed most, with counts and MB in each snapshot:
 * `node --import tsx bench/soak/heapSnapshotSummary.ts early.heapsnapshot late.heapsnapshot [--top 25]`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  bytes: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
if (positionals.length !== 2) throw new Error('name two snapshots: early.heapsnapshot late.heapsnapshot');
const [early, late] = await Promise.all(
  positionals.map(async (file) => groups(await readFile(file, 'utf8'))),
);

const names = new Set([...early!.keys(), ...late!.keys()]);
const rows = [...names]
  .map((name) => ({ name, early: early!.get(name) ?? none(), late: late!.get(name) ?? none() }))
  .sort((a, b) => Math.abs(b.late.bytes - b.early.bytes) - Math.abs(a.late.bytes - a.early.bytes))
  .slice(0, Number(values.top));
const total = (all: Map<string, Group>) => [...all.values()].reduce((sum, group) => sum + group.bytes, 0);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

console.log(`| group | count early | count late | MB early | MB late | MB change |`);
console.log(`| --- | --: | --: | --: | --: | --: |`);
console.log(
  `| (all) | | | ${mb(total(early!))} | ${mb(total(late!))} | ${mb(total(late!) - total(early!))} |`,
);
for (const row of rows) {
  console.log(
    `| ${row.name.slice(0, 60).replace(/\|/g, '\\|')} | ${row.early.count} | ${row.late.count} | ` +
      `${mb(row.early.bytes)} | ${mb(row.late.bytes)} | ${mb(row.late.bytes - row.early.bytes)} |`,
  );
}

/** Self sizes by group: `Object name` for objects, `(type)` for everything else. */
function groups(text: string): Map<string, Group> {
  const snapshot = JSON.parse(text) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const found = new Map<string, Group>();
  for (let index = 0; index < snapshot.nodes.length; index += fields.length) {
    const type = types[snapshot.nodes[index + typeAt!]!]!;
    const name = type === 'object' ? snapshot.strings[snapshot.nodes[index + nameAt!]!]! : `(${type})`;
    const group = found.get(name) ?? none();
    group.count += 1;
    group.bytes += snapshot.nodes[index + sizeAt!]!;
    found.set(name, group);
  }
  return found;
}

function none(): Group {
  return { count: 0, bytes: 0 };
}
