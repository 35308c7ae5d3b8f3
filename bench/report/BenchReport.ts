import type { Machine } from './machine.js';
import type { Ratio } from './ratios.js';
import type { SuiteSummary } from './summarize.js';

/** Everything one run found: what `--json` prints and the Markdown report renders. */
export interface BenchReport {
  machine: Machine;
  settings: {
    quick: boolean;
    rounds: number;
    durationSeconds: number;
    connections: number;
    rotationSize: number;
    gatewayOnlyRotationSize: number;
  };
  suites: SuiteSummary[];
  ratios: Ratio[];
  /** Columns that could not serve a page at all; any makes the run fail. */
  failures: string[];
}
