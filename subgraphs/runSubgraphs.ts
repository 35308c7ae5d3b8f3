import type { Logger } from 'pino';
import type { SubgraphsConfig } from './config.js';
import type { Database } from './shared/database/Database.js';
import { openDatabase } from './shared/database/openDatabase.js';
import type { Subgraph } from './shared/Subgraph.js';
import { startSubgraphs, type RunningSubgraphs } from './startSubgraphs.js';

/**
 * Opens the configured databases (one per distinct location, so the embedded default is a single instance shared
 * by all five subgraphs) and starts the subgraphs on their configured ports. `stop()` also closes the databases.
 */
export async function runSubgraphs(
  subgraphs: readonly Subgraph[],
  config: SubgraphsConfig,
  logger: Logger,
): Promise<RunningSubgraphs> {
  const opened = new Map<string, Promise<Database>>();
  const databases = new Map<string, Database>();
  for (const subgraph of subgraphs) {
    const options = config.databases[subgraph.name] ?? {};
    const key = JSON.stringify(options);
    if (!opened.has(key)) opened.set(key, openDatabase(options));
    databases.set(subgraph.name, await opened.get(key)!);
  }
  const closeAll = async () => {
    await Promise.all([...opened.values()].map(async (db) => (await db).close()));
  };
  try {
    const running = await startSubgraphs({
      subgraphs,
      databaseFor: (name) => databases.get(name)!,
      seedPlan: config.seedPlan,
      logger,
      host: config.host,
      identitySecret: config.internalAuthSecret,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      portFor: (index) => config.ports[subgraphs[index]!.name] ?? 0,
    });
    return {
      ...running,
      async stop() {
        await running.stop();
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
