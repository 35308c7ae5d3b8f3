import { pageColumns } from '../launch/columns.js';
import { groupMeter } from '../load/procStats.js';
import type { LiveColumn } from './LiveColumn.js';
import { JIT_REQUESTS, runRounds } from './runRounds.js';
import { readCounters, type SuiteContext, type SuiteResult } from './SuiteContext.js';

/**
 * The pages through every column in front of the real subgraphs. Starts the gateways: (a) to (e′), and (f), through
 * which (b) warms up so that it keeps (b)'s answers and replays them as the bare column. Returns the run: the rounds,
 * page by page, after which every gateway of the suite stops.
 */
export async function pagesSuite(context: SuiteContext): Promise<() => Promise<SuiteResult>> {
  const { group, options, subgraphs } = context;
  const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url]));
  const specs = pageColumns(
    context.secrets,
    options.redisUrl ? { url: options.redisUrl, keyPrefix: context.redisKeyPrefix } : undefined,
  );
  context.progress(`starting ${specs.length} gateways`);
  const columns: LiveColumn[] = await Promise.all(
    specs.map(async (spec) => {
      const running = await group.start(spec.process(subgraphUrls));
      return { ...spec, url: `http://127.0.0.1:${running.ports[0]}/graphql`, pid: running.pid };
    }),
  );
  const warmColumn = columns.find((column) => column.id === 'b')!;
  const bare = await group.start({
    name: 'bare f',
    script: 'bench/processes/replayServer.ts',
    args: ([port]) => [
      '--port',
      String(port),
      '--upstreams',
      JSON.stringify({ graphql: warmColumn.url }),
      '--replay',
    ],
  });
  const bareUrl = `http://127.0.0.1:${bare.ports[0]}/graphql`;
  warmColumn.warmThrough = { url: bareUrl, headers: { 'x-bench-record': '1' } };
  columns.push({
    id: 'f',
    label: '(f) bare node:http',
    warm: false,
    url: bareUrl,
    pid: bare.pid,
    replaysOnly: true,
  });

  return async () => {
    const measured = [
      ...subgraphs.map((subgraph) => groupMeter(subgraph.process.name, subgraph.process.pid)),
      ...(context.database ? [context.database] : []),
    ];
    const statsUrls = subgraphs.map((subgraph) => subgraph.statsUrl);
    const cells = await runRounds(columns, context.pages, {
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      jitRequests: options.quick ? 5 : JIT_REQUESTS,
      probe: (column) => ({
        meters: [groupMeter('gateway', column.pid), ...measured],
        counters: () => readCounters(statsUrls),
      }),
      progress: context.progress,
    });
    await Promise.all([...specs.map((spec) => group.stop(`gateway ${spec.id}`)), group.stop('bare f')]);
    return {
      name: 'pages',
      columns: columns.map(({ id, label }) => ({ id, label })),
      pages: context.pages.map((page) => page.name),
      cells,
    };
  };
}
