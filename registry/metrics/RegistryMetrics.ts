import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSource } from '../../contracts/metricsServer.js';

/** How a publish or rollback ended, as the `outcome` label counts it. */
export type PublishOutcome =
  | 'published'
  | 'approved'
  | 'unchanged'
  | 'check_failed'
  | 'composition_failed'
  | 'not_deployed'
  | 'unreachable'
  | 'error';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The registry's Prometheus series, in a registry of its own: publishes and rollbacks by outcome, HTTP requests by
 * route and status and their latency, the current version, and Node's default process metrics. Every label comes
 * from a closed set (routes are the route table's names, never raw paths).
 */
export class RegistryMetrics implements MetricsSource {
  readonly registry = new Registry();
  private readonly publishes: Counter<'action' | 'outcome'>;
  private readonly requests: Counter<'route' | 'status'>;
  private readonly requestDuration: Histogram<'route'>;
  private readonly currentVersion: Gauge;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.publishes = new Counter({
      name: 'registry_publishes_total',
      help: 'Publishes and rollbacks, by action (publish, rollback) and outcome (published, approved, unchanged, check_failed, composition_failed, not_deployed, unreachable, error).',
      labelNames: ['action', 'outcome'],
      registers,
    });
    this.requests = new Counter({
      name: 'registry_http_requests_total',
      help: 'HTTP requests answered, by route and status.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'registry_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route.',
      labelNames: ['route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.currentVersion = new Gauge({
      name: 'registry_current_version',
      help: 'The current version, as this process last recorded or read it (0 before the first).',
      registers,
    });
  }

  /** Counts one publish or rollback. */
  publish(action: 'publish' | 'rollback', outcome: PublishOutcome): void {
    this.publishes.inc({ action, outcome });
  }

  /** Counts one answered request and its latency. */
  request(route: string, status: number, seconds: number): void {
    this.requests.inc({ route, status: String(status) });
    this.requestDuration.observe({ route }, seconds);
  }

  /** Records the current version's number. */
  version(version: number): void {
    this.currentVersion.set(version);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
