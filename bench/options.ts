import { parseArgs } from 'node:util';

/** How one `npm run bench` runs: the only reader of the bench's arguments and environment. */
export interface BenchOptions {
  /** `--quick`: every column for about a second, one round, small rotations; what CI runs. */
  quick: boolean;
  /** `--json`: print the results as JSON on stdout instead of the table. */
  json: boolean;
  /** Seconds of load per column, page and round (`--duration`). Default 0.75, quick 1. */
  durationSeconds: number;
  /** Rounds over every column (`--rounds`). Default 3, quick 1. */
  rounds: number;
  /** Concurrent keep-alive connections (`--connections`). Default 20. */
  connections: number;
  /** Requests per page rotation (`--rotation`). Default 200 (the issue asks for at least 200), quick 20. */
  rotationSize: number;
  /** Requests per page rotation of the gateway-only suite. Default 40, quick 10. */
  gatewayOnlyRotationSize: number;
  /** Seed of the rotations. */
  seed: number;
  /** A real PostgreSQL server (`DATABASE_URL`); the bench uses a database of its own there. Default: embedded. */
  databaseUrl?: string;
  /** Redis (`REDIS_URL`) for the labelled Redis variant of column (b). Default: no such column. */
  redisUrl?: string;
  /**
   * `--cpu-prof <names>`: the processes whose names start with one of these (comma-separated, as in
   * `bench/results/logs/`: `canned-a`, `gateway-d`, `subgraph-catalog`) write a V8 CPU profile when they stop,
   * under `bench/results/profiles/<run>/<process>/`; see `report/profileSummary.ts`. Profiling every process at
   * once overloads a small machine. Default none.
   */
  cpuProfile: string[];
}

export function loadBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      rotation: { type: 'string' },
      'cpu-prof': { type: 'string', default: '' },
    },
  });
  const quick = values.quick;
  return {
    quick,
    json: values.json,
    durationSeconds: number('--duration', values.duration, quick ? 1 : 0.75, 0.2, 60),
    rounds: number('--rounds', values.rounds, quick ? 1 : 3, 1, 20),
    connections: number('--connections', values.connections, 20, 1, 1000),
    rotationSize: number('--rotation', values.rotation, quick ? 20 : 200, 1, 336),
    gatewayOnlyRotationSize: quick ? 10 : 40,
    seed: 20261130,
    cpuProfile: values['cpu-prof'].split(',').filter(Boolean),
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    ...(env['REDIS_URL'] ? { redisUrl: env['REDIS_URL'] } : {}),
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
