import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const K8S_DIR = path.join(root, 'deploy', 'k8s');
const MiB = 2 ** 20;
/** The Deployments and the Job that run the image's Node programs. */
const NODE_PROGRAMS = [
  'gateway',
  'registry',
  'registry-seed',
  ...supergraphSubgraphs().map((subgraph) => subgraph.name),
];
/**
 * What a process holds beside its V8 heap (compiled code outside it, Node's and the libraries' native memory,
 * buffers): `npm run soak` sees RSS minus heap total at 60 to 70 MiB for the gateway and the subgraphs.
 */
const BESIDE_HEAP_BYTES = 128 * MiB;

/** The runtime stage's `NODE_OPTIONS`, as every program of the image runs with it. */
function imageNodeOptions(): string[] {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const match = /NODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(dockerfile);
  if (!match) throw new Error('the Dockerfile sets no NODE_OPTIONS');
  return (match[1] ?? match[2]!).split(/\s+/).filter(Boolean);
}

/** The most V8 lets a process's heap grow to under `flags` (old generation and young generation). */
function heapLimitBytes(flags: string[]): number {
  const script = "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))";
  return Number(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', env: {} }));
}

/** Every Deployment's and Job's container memory limit in deploy/k8s, in bytes, by name. */
function memoryLimits(): Map<string, number> {
  const limits = new Map<string, number>();
  const files = readdirSync(K8S_DIR, { recursive: true, encoding: 'utf8' });
  for (const file of files.filter((name) => name.endsWith('.yaml'))) {
    for (const document of parseAllDocuments(readFileSync(path.join(K8S_DIR, file), 'utf8'))) {
      const manifest = document.toJS() as {
        kind?: string;
        metadata?: { name?: string };
        spec?: { template?: { spec?: { containers?: { resources?: { limits?: { memory?: string } } }[] } } };
      } | null;
      if (manifest?.kind !== 'Deployment' && manifest?.kind !== 'Job') continue;
      const memory = manifest.spec?.template?.spec?.containers?.[0]?.resources?.limits?.memory;
      if (memory) limits.set(manifest.metadata?.name ?? file, quantityBytes(memory));
    }
  }
  return limits;
}

/** A Kubernetes memory quantity (`768Mi`, `1Gi`, `512M`) in bytes. */
function quantityBytes(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity);
  if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, K: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

describe("the image's Node settings", () => {
  it('cap the old generation explicitly rather than leave it to the host memory V8 sees', () => {
    expect(imageNodeOptions()).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  });

  it('let no process grow its heap past what its Kubernetes memory limit leaves beside Node', () => {
    const heapLimit = heapLimitBytes(imageNodeOptions());
    const limits = memoryLimits();
    for (const name of NODE_PROGRAMS) {
      const limit = limits.get(name);
      expect({
        name,
        heapLimitMiB: heapLimit / MiB,
        fits: limit !== undefined && heapLimit + BESIDE_HEAP_BYTES <= limit,
      }).toEqual({
        name,
        heapLimitMiB: heapLimit / MiB,
        fits: true,
      });
    }
  });
});
