import { gatewayOnlyColumns } from '../launch/columns.js';
import { groupMeter } from '../load/procStats.js';
import type { LiveColumn } from './LiveColumn.js';
import { JIT_REQUESTS, runRounds } from './runRounds.js';
import { readCounters, type SuiteContext, type SuiteResult } from './SuiteContext.js';
import { warmUp } from './warmUp.js';

/**
 * Gateway overhead alone: each uncached gateway in front of canned subgraphs. Starts the replay server and the
 * gateways; returns the run: the replay server first records, as a proxy to the real subgraphs, what each gateway
 * asks them for a shorter rotation of every page; then it answers from memory only, and the rounds run with nothing
 * but the gateway and the replayer working.
 */
export async function gatewayOnlySuite(context: SuiteContext): Promise<() => Promise<SuiteResult>> {
  const { group, options } = context;
  const upstreams = Object.fromEntries(context.subgraphs.map((subgraph) => [subgraph.name, subgraph.url]));
  const canned = await group.start({
    name: 'canned subgraphs',
    script: 'bench/processes/replayServer.ts',
    args: ([port]) => ['--port', String(port), '--upstreams', JSON.stringify(upstreams)],
  });
  const cannedBase = `http://127.0.0.1:${canned.ports[0]}`;
  const cannedUrls = Object.fromEntries(
    Object.keys(upstreams).map((name) => [name, `${cannedBase}/${name}`]),
  );
  const specs = gatewayOnlyColumns(context.secrets);
  context.progress('gateway only: starting gateways in front of canned subgraphs');
  const columns: LiveColumn[] = await Promise.all(
    specs.map(async (spec) => {
      const running = await group.start({ ...spec.process(cannedUrls), name: `canned ${spec.id}` });
      return { ...spec, url: `http://127.0.0.1:${running.ports[0]}/graphql`, pid: running.pid };
    }),
  );
  return async () => {
    const pages = context.pages.map((page) => ({
      ...page,
      requests: page.requests.slice(0, options.gatewayOnlyRotationSize),
    }));

    // A full pass per gateway and page records every subgraph request it makes for these rotations.
    context.progress('gateway only: recording the subgraph answers');
    for (const page of pages) {
      await warmUp(
        columns.map((column) => ({ ...column, warm: true })),
        page,
        { connections: options.connections, jitRequests: 0, progress: context.progress },
      );
    }
    await fetch(`${cannedBase}/__replay`, { method: 'POST' });
    const statsUrl = `${cannedBase}/__stats`;
    const cells = await runRounds(columns, pages, {
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      jitRequests: options.quick ? 5 : JIT_REQUESTS,
      probe: (column) => ({
        meters: [groupMeter('gateway', column.pid), groupMeter('canned subgraphs', canned.pid)],
        counters: () => readCounters([statsUrl]),
      }),
      progress: context.progress,
    });
    const stats = (await (await fetch(statsUrl)).json()) as { misses: number };
    await Promise.all([
      ...specs.map((spec) => group.stop(`canned ${spec.id}`)),
      group.stop('canned subgraphs'),
    ]);
    return {
      name: 'gateway only',
      columns: columns.map(({ id, label }) => ({ id, label })),
      pages: pages.map((page) => page.name),
      cells,
      replayMisses: stats.misses,
    };
  };
}
