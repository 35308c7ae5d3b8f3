import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { SubgraphUnavailableError } from '../errors.js';

/** A subgraph's circuit: `closed` sends fetches, `open` fails them fast, `half-open` lets one probe through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Called when a subgraph's circuit changes state. */
export type BreakerListener = (subgraph: string, state: BreakerState) => void;

/**
 * Read-only view of the circuit breakers, for health and metrics: each subgraph's state, and a callback on every
 * change. A subgraph with no fetch yet is `closed`.
 */
export interface BreakerStates {
  /** The state of `subgraph`'s circuit. */
  stateOf(subgraph: string): BreakerState;
  /** The state of every subgraph fetched so far, by name. */
  states(): Record<string, BreakerState>;
  /** Calls `listener` on every change of state, of any subgraph; returns the function that stops it. */
  onStateChange(listener: BreakerListener): () => void;
}

export interface BreakerOptions {
  /** Consecutive failed fetches that open a subgraph's circuit. */
  failures: number;
  /** How long a circuit stays open before one probe fetch may close it, in ms. */
  cooldownMs: number;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * One cockatiel circuit breaker per subgraph, kept for the life of the gateway (data sources are rebuilt at each
 * schema update; their subgraphs' health is not). A fetch that fails as `SubgraphUnavailableError` counts against
 * its circuit; after `failures` in a row it opens, and fetches fail fast as `circuit-open` without reaching the
 * subgraph. After `cooldownMs` the next fetch is a probe (others wait for it): its success closes the circuit, its
 * failure opens it again.
 */
export class SubgraphBreakers implements BreakerStates {
  private readonly policies = new Map<string, CircuitBreakerPolicy>();
  private readonly listeners = new Set<BreakerListener>();

  constructor(private readonly options: BreakerOptions) {}

  /** Runs `fetch` through `subgraph`'s circuit. */
  async execute<T>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
    try {
      return await this.policyFor(subgraph).execute(fetch);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new SubgraphUnavailableError(subgraph, { kind: 'circuit-open', cause: error });
      }
      throw error;
    }
  }

  stateOf(subgraph: string): BreakerState {
    const policy = this.policies.get(subgraph);
    return policy ? STATES[policy.state] : 'closed';
  }

  states(): Record<string, BreakerState> {
    return Object.fromEntries(
      [...this.policies.keys()].map((subgraph) => [subgraph, this.stateOf(subgraph)]),
    );
  }

  onStateChange(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private policyFor(subgraph: string): CircuitBreakerPolicy {
    let policy = this.policies.get(subgraph);
    if (policy) return policy;
    policy = circuitBreaker(
      handleWhen((error) => error instanceof SubgraphUnavailableError && error.kind !== 'circuit-open'),
      { halfOpenAfter: this.options.cooldownMs, breaker: new ConsecutiveBreaker(this.options.failures) },
    );
    policy.onStateChange((state) => {
      for (const listener of this.listeners) listener(subgraph, STATES[state]);
    });
    this.policies.set(subgraph, policy);
    return policy;
  }
}
