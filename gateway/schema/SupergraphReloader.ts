import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { OperationsSource } from './OperationsSource.js';
import {
  prepareSupergraph,
  type CostLimit,
  type Misfit,
  type MisfitPolicy,
  type PreparedSupergraph,
} from './prepareSupergraph.js';
import { GraphSources } from './GraphSources.js';
import { schemaVersionOf, type SupergraphState } from './schemaVersion.js';
import type { SourceStates } from './SourceHealth.js';
import type { SupergraphSource } from './SupergraphSource.js';

/**
 * What became of a look at the sources: a new version `swapped` in or `refused`, or a source `unreadable`. A look
 * that finds the version served (or the one refused last, with the same operations) is no reload and is not
 * reported.
 */
export type ReloadOutcome = 'swapped' | 'refused' | 'unreadable';

/** How many misfit operations a log line names; it counts them all. */
const NAMED_MISFITS = 5;

export interface SupergraphReloaderOptions {
  source: SupergraphSource;
  /** How often the source is checked for a new supergraph, in ms; 0 reads it once, at start. */
  pollIntervalMs: number;
  /**
   * What every supergraph must validate and plan before it is served: read at start (it must be readable then),
   * and again at each look at `source`. While it cannot be read, the last copy read stands.
   */
  operations: OperationsSource;
  /**
   * Whether a supergraph that a registered operation does not fit is refused (`refuse`), or served without that
   * operation (`warn`, logged once per version). Default `refuse`.
   */
  misfit?: MisfitPolicy;
  /**
   * The cost limit every registered operation must stay within on a supergraph before it is served, as requests
   * are held to it. Default none: operations are not costed.
   */
  costLimit?: CostLimit;
  logger: Logger;
  /** Told each outcome, for the metrics. Default none. */
  onReload?: (outcome: ReloadOutcome) => void;
  /** The clock of the sources' states. Default `Date.now`. */
  now?: () => number;
}

/**
 * Apollo Gateway's supergraph manager (its `supergraphSdl` option): serves the supergraph of `source` and swaps to
 * each new version, without a restart, once it is known to work. A candidate is prepared first
 * (`prepareSupergraph`: a valid supergraph that validates, plans and, with `costLimit`, costs within the limit
 * every registered operation); only then is Apollo Gateway given it, and it swaps its schema and query planner in
 * one synchronous step, between requests' steps: nothing in flight is dropped, and a request planned before the
 * swap runs its plan. Right after the swap, the plan cache holds the plans made while preparing, so registered
 * operations are never planned on the request path. A candidate that fails is refused and logged once, and the
 * current supergraph keeps serving; when the registered operations change while it is still the newest version,
 * it is prepared again with them (a registry publishes both together, and they may be read one poll apart).
 *
 * Give Apollo Gateway `planCache` as `queryPlannerConfig.cache`, and call `schemaLoaded` from its
 * `onSchemaLoadOrUpdate` listener.
 */
export class SupergraphReloader implements SupergraphManager, SupergraphState {
  /** Apollo Gateway's query-plan store (its own default size, 30 MiB), warmed at every swap. */
  readonly planCache = new InMemoryLRUCache<QueryPlan>();
  private served = '';
  /** The newest supergraph the source gave, and its version. */
  private offered = { sdl: '', version: '' };
  private refused: string | undefined;
  private saidNoOperations = false;
  private readonly sourcesRead: GraphSources;
  private candidate: PreparedSupergraph | undefined;
  private update: ((sdl: string) => void) | undefined;
  private stopWatching: (() => void) | undefined;
  private checking: Promise<void> | undefined;
  private checkAgain = false;
  private stopped = false;

  constructor(private readonly options: SupergraphReloaderOptions) {
    this.sourcesRead = new GraphSources({
      supergraph: options.source,
      operations: options.operations,
      logger: options.logger,
      onUnreadable: () => options.onReload?.('unreadable'),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  get version(): string {
    return this.served;
  }

  get refusedVersion(): string | undefined {
    return this.refused;
  }

  /** Whether the supergraph's source and the operations' source answered their last read, and since when. */
  get sources(): SourceStates {
    return this.sourcesRead.states;
  }

  /** Called by Apollo Gateway as it loads: the first supergraph, which must be valid, and the watch for others. */
  async initialize({ update }: Parameters<SupergraphSdlHook>[0]): ReturnType<SupergraphSdlHook> {
    const { source, pollIntervalMs } = this.options;
    const sdl = await this.sourcesRead.first();
    const prepared = this.prepare(sdl);
    if (!prepared.ok) {
      throw new Error(
        `${source.description}: the supergraph cannot be served: ${prepared.problems.join('; ')}`,
      );
    }
    this.reportFit(prepared.supergraph.version, prepared.skipped);
    this.offered = { sdl, version: prepared.supergraph.version };
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

  /** Looks at the sources again; a check already running looks once more when it is done. */
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
    const { sdl, operationsChanged } = await this.sourcesRead.next();
    if (this.stopped) return;
    if (sdl !== undefined) this.offered = { sdl, version: schemaVersionOf(sdl) };
    const { version } = this.offered;
    if (version === this.served) {
      // Back to the version served: what was refused is no longer the newest.
      this.refused = undefined;
      return;
    }
    if (version === this.refused && !operationsChanged) return;

    const prepared = this.prepare(this.offered.sdl);
    if (!prepared.ok) return this.refuse(version, prepared.problems);
    this.candidate = prepared.supergraph;
    try {
      this.update?.(this.offered.sdl);
    } catch (error) {
      this.candidate = undefined;
      return this.refuse(version, [(error as Error).message]);
    }
    this.refused = undefined;
    this.options.logger.info(
      { source: this.options.source.description, version, plans: prepared.supergraph.plans.size },
      'supergraph swapped',
    );
    this.reportFit(version, prepared.skipped);
    this.options.onReload?.('swapped');
  }

  private prepare(sdl: string) {
    const { costLimit, misfit = 'refuse' } = this.options;
    return prepareSupergraph(sdl, this.sourcesRead.operations, costLimit, misfit);
  }

  /** Says once that no operation is registered, and once per version which operations it is served without. */
  private reportFit(version: string, skipped: readonly Misfit[]): void {
    const { logger, operations: source } = this.options;
    const registered = this.sourcesRead.operations.length;
    if (registered === 0) {
      if (!this.saidNoOperations) {
        logger.warn(
          { source: source.description, version },
          'no registered operations: supergraphs are served without checking any operation against them',
        );
      }
      this.saidNoOperations = true;
      return;
    }
    this.saidNoOperations = false;
    if (skipped.length === 0) return;
    logger.warn(
      {
        source: source.description,
        version,
        skipped: skipped.length,
        registered,
        problems: skipped.slice(0, NAMED_MISFITS).map((misfit) => misfit.problem),
      },
      skipped.length === registered
        ? 'no registered operation fits the supergraph; serving it without them'
        : 'registered operations that do not fit the supergraph are not planned; serving it without them',
    );
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
