import { parseArgs } from 'node:util';

/** How one `npm run soak` runs: the only reader of the soak's arguments and environment. */
export interface SoakOptions {
  /** Minutes of load (`--minutes`). Default 30. */
  minutes: number;
  /** Minutes of sampling after the load stops, to see what memory is kept (`--idle-minutes`). Default 3. */
  idleMinutes: number;
  /** Keep-alive connections per gateway (`--connections`). Default 10. */
  connections: number;
  /** Requests per second per gateway, over all its connections (`--rate`). Default 10. */
  rate: number;
  /** Seconds between memory samples (`--sample`). Default 10. */
  sampleSeconds: number;
  /** Workers per gateway (`--workers`). Default 2. */
  workers: number;
  /** Requests per page rotation (`--rotation`). Default 200. */
  rotationSize: number;
  /**
   * Extra V8 flags for the gateways only (`--gateway-node-options`), after the image's `--max-semi-space-size=32`,
   * e.g. `--max-old-space-size=192` to tell a leak (it runs out) from V8 keeping memory (it collects). Default none.
   */
  gatewayNodeOptions: string;
  /** Minutes into the load at which each gateway worker writes a heap snapshot (`--snapshots 2,25`). Default none. */
  snapshotMinutes: number[];
  /** `--skip-build`: run `dist/` as it is instead of `npm run build` first. */
  skipBuild: boolean;
  /** The PostgreSQL server (`DATABASE_URL`); the soak uses a database of its own there, `commerce_soak`. */
  databaseUrl: string;
  seed: number;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function loadSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string' },
      'idle-minutes': { type: 'string' },
      connections: { type: 'string' },
      rate: { type: 'string' },
      sample: { type: 'string' },
      workers: { type: 'string' },
      rotation: { type: 'string' },
      'gateway-node-options': { type: 'string', default: '' },
      snapshots: { type: 'string', default: '' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const minutes = number('--minutes', values.minutes, 30, 0.5, 24 * 60);
  return {
    minutes,
    idleMinutes: number('--idle-minutes', values['idle-minutes'], 3, 0, 120),
    connections: number('--connections', values.connections, 10, 1, 1000),
    rate: number('--rate', values.rate, 10, 1, 10_000),
    sampleSeconds: number('--sample', values.sample, 10, 1, 600),
    workers: number('--workers', values.workers, 2, 1, 16),
    rotationSize: number('--rotation', values.rotation, 200, 1, 336),
    gatewayNodeOptions: values['gateway-node-options'],
    snapshotMinutes: values.snapshots
      .split(',')
      .filter(Boolean)
      .map((raw) => number('--snapshots', raw, 0, 0, minutes)),
    skipBuild: values['skip-build'],
    databaseUrl: env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
    seed: 20261207,
  };
}

function number(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${flag} is "${raw}"; use a number from ${min} to ${max}`);
  }
  return value;
}
