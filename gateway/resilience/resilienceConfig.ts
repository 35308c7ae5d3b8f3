import { readInteger } from '../../contracts/env.js';
import type { BreakerOptions } from './SubgraphBreakers.js';

/** Retries and circuit breakers of subgraph fetches, read from the gateway's environment. */
export interface ResilienceConfig {
  retry: {
    /** Retries of a query fetch after the first attempt (`SUBGRAPH_RETRIES`, 0 to 10). Default 2. */
    retries: number;
    /** The first backoff in ms (`SUBGRAPH_RETRY_DELAY_MS`, 1 to 10,000); later ones grow up to ten times it. Default 50. */
    delayMs: number;
    /**
     * Time from a fetch's first attempt within which every retry must begin, in ms (`SUBGRAPH_RETRY_BUDGET_MS`, 0 to
     * 60,000): a fetch ends within it plus one timeout. Default 1,000.
     */
    budgetMs: number;
  };
  /**
   * Circuit breakers: `failures` consecutive failed fetches open a subgraph's circuit (`SUBGRAPH_BREAKER_FAILURES`,
   * 1 to 1,000; default 5), and it stays open `cooldownMs` before a probe may close it
   * (`SUBGRAPH_BREAKER_COOLDOWN_MS`, 100 to 600,000; default 10,000). While it is open, the subgraph's
   * `/health/ready` is asked every `readinessIntervalMs` and its 200 closes it (`SUBGRAPH_BREAKER_PROBE_INTERVAL_MS`,
   * 0 to turn it off, else 100 to 60,000; default 1,000).
   */
  breaker: BreakerOptions;
}

/** Reads the `SUBGRAPH_RETRY*` and `SUBGRAPH_BREAKER_*` variables; throws an error naming a bad one. */
export function loadResilienceConfig(env: NodeJS.ProcessEnv): ResilienceConfig {
  return {
    retry: {
      retries: readInteger(env, 'SUBGRAPH_RETRIES', 2, 0, 10),
      delayMs: readInteger(env, 'SUBGRAPH_RETRY_DELAY_MS', 50, 1, 10_000),
      budgetMs: readInteger(env, 'SUBGRAPH_RETRY_BUDGET_MS', 1_000, 0, 60_000),
    },
    breaker: {
      failures: readInteger(env, 'SUBGRAPH_BREAKER_FAILURES', 5, 1, 1_000),
      cooldownMs: readInteger(env, 'SUBGRAPH_BREAKER_COOLDOWN_MS', 10_000, 100, 600_000),
      readinessIntervalMs: readProbeInterval(env),
    },
  };
}

/** `SUBGRAPH_BREAKER_PROBE_INTERVAL_MS`: 0 (no readiness probes), or 100 to 60,000 ms. */
function readProbeInterval(env: NodeJS.ProcessEnv): number {
  const name = 'SUBGRAPH_BREAKER_PROBE_INTERVAL_MS';
  const value = readInteger(env, name, 1_000, 0, 60_000);
  if (value === 0 || value >= 100) return value;
  throw new Error(
    `${name} is "${env[name]}"; use 0 (no readiness probes) or a whole number from 100 to 60000`,
  );
}
