import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { setTimeout as sleep } from 'node:timers/promises';
import { SubgraphUnavailableError } from '../errors.js';
import { probeReadiness } from '../health/probeReadiness.js';
import { ReadinessCooldown } from './ReadinessCooldown.js';

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
  /** The state of every subgraph of the supergraph served, and of any other fetched, by name. */
  states(): Record<string, BreakerState>;
  /** Calls `listener` on every change of state, of any subgraph; returns the function that stops it. */
  onStateChange(listener: BreakerListener): () => void;
}

export interface BreakerOptions {
  /** Consecutive failed fetches that open a subgraph's circuit. */
  failures: number;
  /** How long a circuit stays open before one probe fetch may close it, in ms. */
  cooldownMs: number;
  /**
   * How often an open circuit's subgraph is asked `/health/ready`, in ms; its 200 closes the circuit before the
   * cooldown ends. Default 0: never, the cooldown alone.
   */
  readinessIntervalMs?: number;
}

interface Circuit {
  policy: CircuitBreakerPolicy;
  cooldown: ReadinessCooldown;
  /** Whether a readiness watch runs for this circuit now: one at a time. */
  watching: boolean;
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
 * subgraph. While it is open, the subgraph's `/health/ready` (same origin as its URL) is asked every
 * `readinessIntervalMs`, one probe at a time, each bounded by the interval: its 200 is the half-open probe, which
 * closes the circuit, so a restart costs about its downtime. Otherwise, after `cooldownMs` the next fetch is the
 * probe (others wait for it): its success closes the circuit, its failure opens it again.
 */
export class SubgraphBreakers implements BreakerStates {
  private readonly circuits = new Map<string, Circuit>();
  private readonly readinessUrls = new Map<string, string>();
  private readonly listeners = new Set<BreakerListener>();
  private readonly stopped = new AbortController();

  constructor(private readonly options: BreakerOptions) {}

  /**
   * The subgraphs of the supergraph served now, name → GraphQL URL: each has a circuit from now on (closed until it
   * fails), and its readiness is probed at that URL's origin. Circuits of subgraphs no longer served are dropped.
   */
  route(subgraphs: Record<string, string>): void {
    for (const name of this.circuits.keys()) if (!(name in subgraphs)) this.circuits.delete(name);
    this.readinessUrls.clear();
    for (const [name, url] of Object.entries(subgraphs)) {
      if (url) this.readinessUrls.set(name, url);
      this.circuitFor(name);
    }
  }

  /** Stops probing readiness. */
  close(): void {
    this.stopped.abort();
  }

  /** Runs `fetch` through `subgraph`'s circuit. */
  async execute<T>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
    try {
      return await this.circuitFor(subgraph).policy.execute(fetch);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new SubgraphUnavailableError(subgraph, { kind: 'circuit-open', cause: error });
      }
      throw error;
    }
  }

  stateOf(subgraph: string): BreakerState {
    const circuit = this.circuits.get(subgraph);
    return circuit ? STATES[circuit.policy.state] : 'closed';
  }

  states(): Record<string, BreakerState> {
    return Object.fromEntries(
      [...this.circuits.keys()].map((subgraph) => [subgraph, this.stateOf(subgraph)]),
    );
  }

  onStateChange(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private circuitFor(subgraph: string): Circuit {
    const existing = this.circuits.get(subgraph);
    if (existing) return existing;
    const cooldown = new ReadinessCooldown(this.options.cooldownMs);
    const policy = circuitBreaker(
      handleWhen((error) => error instanceof SubgraphUnavailableError && error.kind !== 'circuit-open'),
      { halfOpenAfter: cooldown, breaker: new ConsecutiveBreaker(this.options.failures) },
    );
    const created: Circuit = { policy, cooldown, watching: false };
    policy.onStateChange((state) => {
      if (state === CircuitState.Open) void this.watchReadiness(subgraph, created);
      for (const listener of this.listeners) listener(subgraph, STATES[state]);
    });
    this.circuits.set(subgraph, created);
    return created;
  }

  /**
   * While `circuit` is open, asks its subgraph whether it is ready, once per interval; a 200 ends the cooldown, and
   * a fetch that cannot fail, run through the circuit, is the half-open probe that closes it (a real fetch arriving
   * meanwhile waits for it, as for any probe). Should fetches still fail, `failures` of them open it again.
   */
  private async watchReadiness(subgraph: string, circuit: Circuit): Promise<void> {
    const intervalMs = this.options.readinessIntervalMs ?? 0;
    if (circuit.watching || intervalMs <= 0) return;
    circuit.watching = true;
    const open = () =>
      !this.stopped.signal.aborted &&
      this.circuits.get(subgraph) === circuit &&
      circuit.policy.state === CircuitState.Open;
    try {
      while (open()) {
        await sleep(intervalMs, undefined, { signal: this.stopped.signal, ref: false });
        const url = this.readinessUrls.get(subgraph);
        if (!url || !open()) continue;
        const health = await probeReadiness(url, intervalMs);
        if (health.status !== 'up' || !open()) continue;
        circuit.cooldown.endNow();
        await circuit.policy.execute(async () => undefined);
      }
    } catch {
      // Stopped while sleeping.
    } finally {
      circuit.watching = false;
    }
  }
}
