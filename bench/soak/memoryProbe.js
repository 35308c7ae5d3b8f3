/**
 * Loaded into every Node process of the soak (`NODE_OPTIONS=--import …/memoryProbe.js`, so cluster workers get it
 * too): every `SOAK_PROBE_MS` it writes this process's `process.memoryUsage()` and V8 heap spaces to
 * `SOAK_PROBE_DIR/<pid>.json`, where the soak reads them. Plain JavaScript, so that the compiled gateway runs without
 * a TypeScript loader, as the image runs it. Set by the soak alone, hence read here and not through a config.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setInterval } from 'node:timers';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

const dir = process.env.SOAK_PROBE_DIR;
const intervalMs = Number(process.env.SOAK_PROBE_MS) || 5_000;

if (dir) {
  const file = path.join(dir, `${process.pid}.json`);
  // Written aside and renamed, so that the soak never reads half a file.
  const partial = `${file}.partial`;
  // Heap used just after the last full (mark-compact) collection: what is live, without the garbage between
  // collections that `heapUsed` also counts.
  let afterFullGc;
  let fullGcs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      afterFullGc = getHeapStatistics().used_heap_size;
      fullGcs += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  const write = () => {
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
    );
    try {
      writeFileSync(
        partial,
        JSON.stringify({ at: Date.now(), ...process.memoryUsage(), afterFullGc, fullGcs, spaces }),
      );
      renameSync(partial, file);
    } catch {
      // the soak removed its folder as it ended
    }
  };
  write();
  setInterval(write, intervalMs).unref();
}
