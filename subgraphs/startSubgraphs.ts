import type { Logger } from 'pino';
import type { Database } from './shared/database/Database.js';
import { prepareData } from './shared/prepareData.js';
import type { SeedPlan } from './shared/seedPlan.js';
import { startSubgraph, type RunningSubgraph, type StatementReport } from './shared/startSubgraph.js';
import type { Subgraph } from './shared/Subgraph.js';

export interface StartSubgraphsOptions {
  subgraphs: readonly Subgraph[];
  /** The database each subgraph uses (they may share one: each keeps to its own schema). */
  databaseFor(name: string): Database;
  seedPlan: SeedPlan;
  logger: Logger;
  host?: string;
  /** Port for the subgraph at `index`; 0 picks a free one. */
  portFor(index: number): number;
  onStatements?: (report: StatementReport) => void;
  /** Secret the gateway signs identities with. */
  identitySecret: string;
  /** Longest wait for requests in flight when stopping, in ms. Default 10,000. */
  shutdownTimeoutMs?: number;
}

export interface RunningSubgraphs {
  /** Subgraph name → GraphQL endpoint URL. */
  urls: Record<string, string>;
  /** Each running subgraph, to stop one alone (failure drills). */
  running: readonly RunningSubgraph[];
  stop(): Promise<void>;
}

/** Migrates, seeds (first run only) and serves each subgraph. */
export async function startSubgraphs(options: StartSubgraphsOptions): Promise<RunningSubgraphs> {
  const running: RunningSubgraph[] = [];
  try {
    for (const [index, subgraph] of options.subgraphs.entries()) {
      const db = options.databaseFor(subgraph.name);
      const started = Date.now();
      if (await prepareData(db, subgraph, options.seedPlan)) {
        options.logger.info({ subgraph: subgraph.name, ms: Date.now() - started }, 'seeded');
      }
      running.push(
        await startSubgraph(subgraph, {
          db,
          logger: options.logger.child({ subgraph: subgraph.name }),
          host: options.host,
          port: options.portFor(index),
          onStatements: options.onStatements,
          identitySecret: options.identitySecret,
          ...(options.shutdownTimeoutMs === undefined
            ? {}
            : { shutdownTimeoutMs: options.shutdownTimeoutMs }),
        }),
      );
    }
  } catch (error) {
    await Promise.all(running.map((subgraph) => subgraph.stop()));
    throw error;
  }
  return {
    urls: Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph.url])),
    running,
    stop: async () => {
      await Promise.all(running.map((subgraph) => subgraph.stop()));
    },
  };
}
