import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '../../contracts/errors.js';
import { serviceInstanceId } from '../../contracts/tracing.js';
import { CACHE_EVENTS, CACHE_LAYERS, type CacheMetrics } from '../cache/CacheMetrics.js';
import { PUBLIC_ERROR_CODES } from '../limits/errorMasking.js';
import type { SourceStates } from '../schema/SourceHealth.js';
import type { ReloadOutcome } from '../schema/SupergraphReloader.js';

/** The label shared by every operation that is not registered, and by every error code outside the closed set. */
export const OTHER_LABEL = 'other';
/** The client label of a request sent without an API key. */
export const ANONYMOUS_CLIENT = 'anonymous';

/** A subgraph's circuit breaker: closed (requests flow), half-open (one probe at a time) or open (failing fast). */
export type CircuitState = 'closed' | 'half-open' | 'open';
const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'half-open', 'open'];

/** Where the current breaker state of each subgraph is read from, when the metrics are scraped. */
export type CircuitStates = () => Iterable<readonly [subgraph: string, state: CircuitState]>;

const RELOAD_OUTCOMES: readonly ReloadOutcome[] = ['swapped', 'refused', 'unreadable'];

export interface GatewayMetricsOptions {
  /** Registered operation names (page operations and the manifest's): the only ones with a label of their own. */
  operations: Iterable<string>;
  /** The cache counters, read at each scrape. */
  cache: CacheMetrics;
  /** Breaker states per subgraph. Default none: no `gateway_subgraph_circuit_state` series. */
  circuits?: CircuitStates;
  /** The version of the supergraph served now, read at each scrape. Default none: no `gateway_schema_info`. */
  schemaVersion?: () => string;
  /**
   * The states of the supergraph's and the registered operations' sources, read at each scrape. Default none: no
   * `gateway_supergraph_source_*` and `gateway_operations_source_*` series.
   */
  sources?: () => SourceStates;
  /**
   * The cluster worker this process is (`node:cluster`'s id), when it is one: Node's process metrics (memory, event
   * loop, garbage collection) keep it as a `worker` label, as their sum over workers would hide the one in trouble.
   * Default none: a process of its own.
   */
  worker?: string;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const ERROR_CODES = new Set<string>([...PUBLIC_ERROR_CODES, ErrorCode.InternalServerError]);

interface RequestSeries {
  operation: string;
  client: string;
  /** One child per HTTP status seen: a handful. */
  byStatus: Map<number, Counter.Internal>;
  duration: Histogram.Internal<'operation' | 'client'>;
}

/**
 * The gateway's Prometheus series, in a registry of its own: requests and their latency by operation and client,
 * errors by code, subgraph fetches by subgraph, circuit state, cache events by layer, rate-limit refusals, the
 * supergraph's version and reloads, whether its sources answer, `target_info`, and Node's default process metrics
 * (event-loop lag among them). Labels come from closed sets, and each label set's
 * child series is created once and reused, so the request path allocates no label objects.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations: ReadonlySet<string>;
  private readonly requests: Counter<'operation' | 'client' | 'status'>;
  private readonly requestDuration: Histogram<'operation' | 'client'>;
  private readonly errors: Counter<'code'>;
  private readonly fetchDuration: Histogram<'subgraph'>;
  private readonly fetchErrors: Counter<'subgraph'>;
  private readonly refusals: Counter<'class'>;
  private readonly reloads: Counter<'outcome'>;
  private circuits: CircuitStates | undefined;
  private readonly requestSeries = new Map<string, Map<string, RequestSeries>>();

  constructor(options: GatewayMetricsOptions) {
    const registers = [this.registry];
    this.operations = new Set(options.operations);
    this.circuits = options.circuits;
    const worker = options.worker === undefined ? {} : { worker: options.worker };
    collectDefaultMetrics({ register: this.registry, labels: worker });
    // The join from this process's series to its spans (`service.instance.id`): one series per process, rather
    // than an instance label on every series, which would multiply them all by the number of workers.
    new Gauge({
      name: 'target_info',
      help: 'Always 1: the service and the instance id its spans carry (service.instance.id), per process.',
      labelNames: ['service_name', 'service_instance_id', ...Object.keys(worker)],
      registers,
    }).set({ service_name: 'gateway', service_instance_id: serviceInstanceId(), ...worker }, 1);
    this.requests = new Counter({
      name: 'gateway_requests_total',
      help: 'GraphQL requests answered, by operation name (unregistered ones share "other"), client and HTTP status.',
      labelNames: ['operation', 'client', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by operation name and client.',
      labelNames: ['operation', 'client'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'gateway_errors_total',
      help: 'GraphQL errors answered, by code (codes outside the closed set share "other").',
      labelNames: ['code'],
      registers,
    });
    this.fetchDuration = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one query-plan fetch from a subgraph, entity-cache hits included, by subgraph.',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.fetchErrors = new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Query-plan fetches that failed (unreachable, timed out, circuit open, not GraphQL), by subgraph.',
      labelNames: ['subgraph'],
      registers,
    });
    this.refusals = new Counter({
      name: 'gateway_rate_limit_refusals_total',
      help: 'Requests refused by the rate limiter, by client class.',
      labelNames: ['class'],
      registers,
    });
    this.reloads = new Counter({
      name: 'gateway_schema_reloads_total',
      help: 'New supergraphs seen at the source, by outcome (swapped, refused), and failed reads of the supergraph or operations source (unreadable).',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of RELOAD_OUTCOMES) this.reloads.inc({ outcome }, 0);
    const schemaVersion = options.schemaVersion;
    if (schemaVersion) {
      new Gauge({
        name: 'gateway_schema_info',
        help: 'Always 1, labelled with the version of the supergraph served now.',
        labelNames: ['version'],
        registers,
        // Workers swap one after the other: for a moment two versions read 1, which is what is served.
        aggregator: 'max',
        collect() {
          this.reset();
          const version = schemaVersion();
          // None before the first supergraph is loaded.
          if (version) this.set({ version }, 1);
        },
      });
    }
    if (options.sources) sourceGauges(options.sources, registers);
    const readCircuits = () => this.circuits;
    new Gauge({
      name: 'gateway_subgraph_circuit_state',
      help: "1 for each subgraph's current circuit breaker state (closed, half-open, open), 0 for the others.",
      labelNames: ['subgraph', 'state'],
      registers,
      // Each worker has breakers of its own: over workers, a state reads 1 when any worker's breaker is in it (an
      // open circuit anywhere shows), where a sum would count workers under a 0-or-1 series.
      aggregator: 'max',
      collect() {
        this.reset();
        for (const [subgraph, current] of readCircuits()?.() ?? []) {
          for (const state of CIRCUIT_STATES) this.set({ subgraph, state }, state === current ? 1 : 0);
        }
      },
    });
    const cache = options.cache;
    new Counter({
      name: 'gateway_cache_events_total',
      help: 'Cache events by layer (response, entity, apq, store): hit, miss, stale, store, error, invalidation.',
      labelNames: ['layer', 'event'],
      registers,
      // The counts live in CacheMetrics, which the caches already update: read at each scrape, never counted twice.
      collect() {
        const snapshot = cache.snapshot();
        this.reset();
        for (const layer of CACHE_LAYERS) {
          for (const event of CACHE_EVENTS) this.inc({ layer, event }, snapshot[layer][event]);
        }
      },
    });
  }

  /** Reads breaker states from `circuits` from now on (for a resilience layer created after the metrics). */
  watchCircuits(circuits: CircuitStates): void {
    this.circuits = circuits;
  }

  /** The label an operation name is counted under: its own when registered, else {@link OTHER_LABEL}. */
  operationLabel(name: string | null | undefined): string {
    return name && this.operations.has(name) ? name : OTHER_LABEL;
  }

  /** Counts one answered request; `client` is a registered client's name (bounded by the registry) or undefined. */
  observeRequest(
    operation: string | null | undefined,
    client: string | undefined,
    status: number,
    seconds: number,
  ) {
    const series = this.seriesFor(this.operationLabel(operation), client ?? ANONYMOUS_CLIENT);
    let count = series.byStatus.get(status);
    if (!count) {
      count = this.requests.labels({
        operation: series.operation,
        client: series.client,
        status: String(status),
      });
      series.byStatus.set(status, count);
    }
    count.inc();
    series.duration.observe(seconds);
  }

  /** Counts one error answered with `code`. */
  observeError(code: string): void {
    this.errors.inc({ code: ERROR_CODES.has(code) ? code : OTHER_LABEL });
  }

  /** Counts one query-plan fetch from `subgraph` that took `seconds`, and whether it failed. */
  observeFetch(subgraph: string, seconds: number, failed: boolean): void {
    this.fetchDuration.observe({ subgraph }, seconds);
    if (failed) this.fetchErrors.inc({ subgraph });
  }

  /** Counts one request the rate limiter refused, by the caller's class. */
  observeRefusal(clientClass: string): void {
    this.refusals.inc({ class: clientClass });
  }

  /** Counts one look at the supergraph's source that found a new version (or could not read it), by outcome. */
  observeReload(outcome: ReloadOutcome): void {
    this.reloads.inc({ outcome });
  }

  /** The metrics in Prometheus text format, and the content type to answer them with. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private seriesFor(operation: string, client: string): RequestSeries {
    let byClient = this.requestSeries.get(operation);
    if (!byClient) this.requestSeries.set(operation, (byClient = new Map()));
    let series = byClient.get(client);
    if (!series) {
      series = {
        operation,
        client,
        byStatus: new Map(),
        duration: this.requestDuration.labels({ operation, client }),
      };
      byClient.set(client, series);
    }
    return series;
  }
}

/**
 * Whether the source of the supergraph and that of the registered operations answered their last read (1 or 0),
 * and when they last did. Over cluster workers, each of which reads the sources itself, the minimum: a source
 * down for any worker reads 0, and the oldest success shows, where a sum would count workers.
 */
function sourceGauges(sources: () => SourceStates, registers: Registry[]): void {
  for (const kind of ['supergraph', 'operations'] as const) {
    const what =
      kind === 'supergraph'
        ? 'supergraph source (file, URL or schema registry)'
        : 'registered operations source';
    new Gauge({
      name: `gateway_${kind}_source_up`,
      help: `1 when the ${what} answered its last read, 0 while it does not: the gateway keeps what it has.`,
      registers,
      aggregator: 'min',
      collect() {
        this.set(sources()[kind].status === 'ok' ? 1 : 0);
      },
    });
    new Gauge({
      name: `gateway_${kind}_source_last_success_timestamp_seconds`,
      help: `When the ${what} last answered a read (a 304 included), in Unix seconds.`,
      registers,
      aggregator: 'min',
      collect() {
        // Set at start, when both sources must be read for the gateway to start at all.
        this.set((sources()[kind].lastReadAt ?? 0) / 1000);
      },
    });
  }
}
