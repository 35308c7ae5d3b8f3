import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import { prepareSupergraph, type CostLimit, type PreparedSupergraph } from './prepareSupergraph.js';
import type { RegisteredOperation } from './RegisteredOperations.js';
import { schemaVersionOf, type SupergraphState } from './schemaVersion.js';
import type { SupergraphSource } from './SupergraphSource.js';

/**
 * What became of a look at the source: a new version `swapped` in or `refused`, or the source `unreadable`. A look
 * that finds the version served (or the one refused last) is no reload and is not reported.
 */
export type ReloadOutcome = 'swapped' | 'refused' | 'unreadable';

export interface SupergraphReloaderOptions {
  source: SupergraphSource;
  /** How often the source is checked for a new supergraph, in ms; 0 reads it once, at start. */
  pollIntervalMs: number;
  /** What every supergraph must validate and plan before it is served. */
  operations: readonly RegisteredOperation[];
  /**
   * The cost limit every registered operation must stay within on a supergraph before it is served, as requests
   * are held to it. Default none: operations are not costed.
   */
  costLimit?: CostLimit;
  logger: Logger;
  /** Told each outcome, for the metrics. Default none. */
  onReload?: (outcome: ReloadOutcome) => void;
}

/**
 * Apollo Gateway's supergraph manager (its `supergraphSdl` option): serves the supergraph of `source` and swaps to
 * each new version, without a restart, once it is known to work. A candidate is prepared first
 * (`prepareSupergraph`: a valid supergraph that validates, plans and, with `costLimit`, costs within the limit
 * every registered operation); only then is Apollo Gateway given it, and it swaps its schema and query planner in
 * one synchronous step, between requests' steps: nothing in flight is dropped, and a request planned before the
 * swap runs its plan. Right after the swap,
 * the plan cache holds the plans made while preparing, so registered operations are never planned on the request
 * path. A candidate that fails is refused and logged once, and the current supergraph keeps serving.
 *
 * Give Apollo Gateway `planCache` as `queryPlannerConfig.cache`, and call `schemaLoaded` from its
 * `onSchemaLoadOrUpdate` listener.
 */
export class SupergraphReloader implements SupergraphManager, SupergraphState {
  /** Apollo Gateway's query-plan store (its own default size, 30 MiB), warmed at every swap. */
  readonly planCache = new InMemoryLRUCache<QueryPlan>();
  private served = '';
  private refused: string | undefined;
  private candidate: PreparedSupergraph | undefined;
  private update: ((sdl: string) => void) | undefined;
  private stopWatching: (() => void) | undefined;
  private checking: Promise<void> | undefined;
  private checkAgain = false;
  private sourceFailing = false;
  private stopped = false;

  constructor(private readonly options: SupergraphReloaderOptions) {}

  get version(): string {
    return this.served;
  }

  get refusedVersion(): string | undefined {
    return this.refused;
  }

  /** Called by Apollo Gateway as it loads: the first supergraph, which must be valid, and the watch for others. */
  async initialize({ update }: Parameters<SupergraphSdlHook>[0]): ReturnType<SupergraphSdlHook> {
    const { source, pollIntervalMs } = this.options;
    const sdl = await source.read();
    if (sdl === undefined) throw new Error(`${source.description}: no supergraph to serve`);
    const prepared = prepareSupergraph(sdl, this.options.operations, this.options.costLimit);
    if (!prepared.ok) {
      throw new Error(
        `${source.description}: the supergraph cannot be served: ${prepared.problems.join('; ')}`,
      );
    }
    this.candidate = prepared.supergraph;
    this.update = update;
    if (pollIntervalMs > 0) this.stopWatching = source.watch(() => this.check(), pollIntervalMs);
    return {
      supergraphSdl: sdl,
      cleanup: async () => {
        this.stopped = true;
        this.stopWatching?.();
        await this.checking;
      },
    };
  }

  /**
   * Apollo Gateway's `onSchemaLoadOrUpdate` listener. The gateway has just cleared its plan cache for
   * `coreSupergraphSdl`; when that is the candidate prepared here, its plans go in before any request can look.
   */
  schemaLoaded({ coreSupergraphSdl }: { coreSupergraphSdl: string }): void {
    const candidate = this.candidate;
    this.candidate = undefined;
    if (candidate?.sdl !== coreSupergraphSdl) {
      this.served = schemaVersionOf(coreSupergraphSdl);
      return;
    }
    for (const [key, plan] of candidate.plans) void this.planCache.set(key, plan);
    this.served = candidate.version;
  }

  /** Looks at the source again; a check already running looks once more when it is done. */
  private check(): void {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = (async () => {
      try {
        do {
          this.checkAgain = false;
          await this.reload();
        } while (this.checkAgain && !this.stopped);
      } catch (error) {
        this.options.logger.error({ err: error }, 'supergraph check failed');
      } finally {
        this.checking = undefined;
      }
    })();
  }

  private async reload(): Promise<void> {
    const { source, logger } = this.options;
    let sdl: string | undefined;
    try {
      sdl = await source.read();
      if (this.sourceFailing) logger.info({ source: source.description }, 'supergraph source readable again');
      this.sourceFailing = false;
    } catch (error) {
      // Logged when it starts failing, not at every poll.
      if (!this.sourceFailing) {
        logger.warn(
          { source: source.description, reason: (error as Error).message, version: this.served },
          'supergraph source unreadable; still serving the current supergraph',
        );
      }
      this.sourceFailing = true;
      this.options.onReload?.('unreadable');
      return;
    }
    if (sdl === undefined || this.stopped) return;
    const version = schemaVersionOf(sdl);
    if (version === this.served || version === this.refused) return;

    const prepared = prepareSupergraph(sdl, this.options.operations, this.options.costLimit);
    if (!prepared.ok) return this.refuse(version, prepared.problems);
    this.candidate = prepared.supergraph;
    try {
      this.update?.(sdl);
    } catch (error) {
      this.candidate = undefined;
      return this.refuse(version, [(error as Error).message]);
    }
    this.refused = undefined;
    logger.info(
      { source: source.description, version, plans: prepared.supergraph.plans.size },
      'supergraph swapped',
    );
    this.options.onReload?.('swapped');
  }

  private refuse(version: string, problems: string[]): void {
    this.refused = version;
    this.options.onReload?.('refused');
    this.options.logger.error(
      { source: this.options.source.description, refused: version, version: this.served, problems },
      'supergraph refused; still serving the current supergraph',
    );
  }
}
