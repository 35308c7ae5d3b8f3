import type { Logger } from 'pino';
import { SubgraphUnavailableError } from '../errors.js';
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

/**
 * Every subgraph fetch of a client operation runs through here: its subgraph's circuit breaker around retries of
 * the attempt (queries only), so a fetch counts once against its circuit however many attempts it took. Each
 * failed fetch is logged once, with its subgraph, kind, duration, attempts and request id; fast failures of an
 * open circuit at `debug` only, since the opening itself is logged.
 */
export class SubgraphResilience {
  private readonly breakerRegistry: SubgraphBreakers;
  private readonly retry: Retry;

  constructor(
    config: ResilienceConfig,
    private readonly logger: Logger,
  ) {
    this.breakerRegistry = new SubgraphBreakers(config.breaker);
    this.retry = createRetry(config.retry);
    this.breakerRegistry.onStateChange((subgraph, state) => {
      const level = state === 'open' ? 'warn' : 'info';
      logger[level]({ subgraph, circuit: state }, `subgraph circuit ${state}`);
    });
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
      if (kind === 'circuit-open') this.logger.debug(details, 'subgraph fetch failed');
      else this.logger.warn(details, 'subgraph fetch failed');
      throw error;
    }
  }
}
