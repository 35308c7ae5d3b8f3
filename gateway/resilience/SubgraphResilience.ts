import type { Logger } from 'pino';
import { SubgraphRefusal, SubgraphUnavailableError } from '../errors.js';
import type { ResilienceConfig } from './resilienceConfig.js';
import { createRetry, type Retry } from './retryPolicy.js';
import { SubgraphBreakers, type BreakerStates } from './SubgraphBreakers.js';

/** What the data source says about one fetch. */
export interface FetchDescription {
  subgraph: string;
  /** Whether the fetch may be sent again after a transient failure: queries only. */
  retry: boolean;
  /** The client request's id, for the failure log. */
  requestId?: string | undefined;
}

export interface SubgraphResilienceOptions {
  /** At most one log line per subgraph per this many ms for fetches failed fast by an open circuit. Default 10,000. */
  openFailureLogIntervalMs?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/** Fast failures of a subgraph's open circuit: when one was last logged, and how many since were not. */
interface OpenFailureLog {
  loggedAt: number;
  suppressed: number;
}

/**
 * Every subgraph fetch of a client operation runs through here: its subgraph's circuit breaker around retries of
 * the attempt (queries only), so a fetch counts once against its circuit however many attempts it took. Each
 * failed fetch is logged once at `warn`, with its subgraph, kind, duration, attempts and request id; fast failures
 * of an open circuit at most once per subgraph per `openFailureLogIntervalMs`, with the count of those not logged
 * (`suppressed`). A subgraph's refusal (a 4xx GraphQL answer) is logged with the subgraph's messages, and neither
 * counts against the circuit nor is retried.
 */
export class SubgraphResilience {
  private readonly breakerRegistry: SubgraphBreakers;
  private readonly retry: Retry;
  private readonly openFailures = new Map<string, OpenFailureLog>();
  private readonly openFailureLogIntervalMs: number;
  private readonly now: () => number;

  constructor(
    config: ResilienceConfig,
    private readonly logger: Logger,
    options: SubgraphResilienceOptions = {},
  ) {
    this.openFailureLogIntervalMs = options.openFailureLogIntervalMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.breakerRegistry = new SubgraphBreakers(config.breaker);
    this.retry = createRetry(config.retry);
    this.breakerRegistry.onStateChange((subgraph, state) => {
      const level = state === 'open' ? 'warn' : 'info';
      // Fast failures not logged while it was open are counted in the line that says it closed.
      const suppressed = state === 'closed' ? this.openFailures.get(subgraph)?.suppressed : undefined;
      if (state === 'closed') this.openFailures.delete(subgraph);
      logger[level](
        { subgraph, circuit: state, ...(suppressed ? { suppressed } : {}) },
        `subgraph circuit ${state}`,
      );
    });
  }

  /** The subgraphs of the supergraph served now, name → URL: see `SubgraphBreakers.route`. */
  route(subgraphs: Record<string, string>): void {
    this.breakerRegistry.route(subgraphs);
  }

  /** Stops the circuits' readiness probes. */
  close(): void {
    this.breakerRegistry.close();
  }

  /** Each subgraph's circuit state, and changes to it (for health and metrics). */
  get breakers(): BreakerStates {
    return this.breakerRegistry;
  }

  /** Runs `attempt`, the sending of one fetch, with the subgraph's breaker and, for a query, retries. */
  async run<T>(fetch: FetchDescription, attempt: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    let attempts = 0;
    const counted = () => {
      attempts += 1;
      return attempt();
    };
    try {
      return await this.breakerRegistry.execute(fetch.subgraph, () =>
        fetch.retry ? this.retry(counted) : counted(),
      );
    } catch (error) {
      if (error instanceof SubgraphRefusal) {
        this.logger.warn(
          {
            subgraph: fetch.subgraph,
            status: error.status,
            errors: error.errors.map(({ message, extensions }) => ({ message, code: extensions?.['code'] })),
            ...(fetch.requestId ? { requestId: fetch.requestId } : {}),
          },
          'subgraph refused fetch',
        );
        throw error;
      }
      const kind = error instanceof SubgraphUnavailableError ? error.kind : 'unexpected';
      const details = {
        subgraph: fetch.subgraph,
        kind,
        ...(error instanceof SubgraphUnavailableError && error.status ? { status: error.status } : {}),
        durationMs: Math.round(performance.now() - startedAt),
        attempts,
        ...(fetch.requestId ? { requestId: fetch.requestId } : {}),
        err: error instanceof SubgraphUnavailableError && error.cause !== undefined ? error.cause : error,
      };
      if (kind === 'circuit-open') this.logOpenFailure(fetch.subgraph, details);
      else this.logger.warn(details, 'subgraph fetch failed');
      throw error;
    }
  }

  /** Logs a fast failure of `subgraph`'s open circuit, unless one was logged within the interval: then counts it. */
  private logOpenFailure(subgraph: string, details: object): void {
    const now = this.now();
    const last = this.openFailures.get(subgraph);
    if (last && now - last.loggedAt < this.openFailureLogIntervalMs) {
      last.suppressed += 1;
      return;
    }
    this.logger.warn({ ...details, suppressed: last?.suppressed ?? 0 }, 'subgraph fetch failed');
    this.openFailures.set(subgraph, { loggedAt: now, suppressed: 0 });
  }
}
