import { subgraphs } from '../../subgraphs/index.js';
import type { ProcessGroup, RunningProcess } from './ProcessGroup.js';

export interface SubgraphProcess {
  name: string;
  url: string;
  /** Answers `GET` with `{ requests, statements }` served and run so far. */
  statsUrl: string;
  process: RunningProcess;
}

/** The five subgraphs, each in its own process (bench/processes/subgraph.ts), all on `databaseUrl`. */
export function startSubgraphProcesses(
  group: ProcessGroup,
  databaseUrl: string,
  internalAuthSecret: string,
): Promise<SubgraphProcess[]> {
  return Promise.all(
    subgraphs.map(async ({ name }) => {
      const process = await group.start({
        name: `subgraph ${name}`,
        script: 'bench/processes/subgraph.ts',
        ports: 2,
        readyPort: 1,
        args: ([port, statsPort]) => [
          '--name',
          name,
          '--port',
          String(port),
          '--stats-port',
          String(statsPort),
        ],
        env: () => ({ DATABASE_URL: databaseUrl, INTERNAL_AUTH_SECRET: internalAuthSecret }),
      });
      const [port, statsPort] = process.ports;
      return {
        name,
        url: `http://127.0.0.1:${port}/`,
        statsUrl: `http://127.0.0.1:${statsPort}/`,
        process,
      };
    }),
  );
}
