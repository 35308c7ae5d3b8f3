import type { SupergraphState } from '../schema/schemaVersion.js';
import type { SourceState } from '../schema/SourceHealth.js';
import type { HealthReport } from './createHealthCheck.js';

/** What `/health/ready` answers: an HTTP status and a JSON body. */
export interface Readiness {
  status: number;
  body: Record<string, unknown>;
}

export interface ReadinessOptions {
  /** Whether the gateway can serve now (schema loaded, not shutting down). */
  isReady(): boolean;
  /** The state of the subgraphs and Redis (`createHealthCheck`). Default none. */
  health?: () => Promise<HealthReport>;
  /**
   * The supergraph served, whose version (and the version last refused, if any) and sources' states the detail
   * names. Default none.
   */
  supergraph?: SupergraphState;
}

/**
 * `/health/ready`'s answer. The status alone (`ready`, or 503 `unavailable` while starting or stopping) is for
 * anyone: an orchestrator needs no more. The detail (`degraded` when a subgraph, Redis, or the source of the
 * supergraph or of the registered operations is down; each subgraph's state, Redis's, the schema versions, the
 * sources' states) maps the deployment, so it is for the metrics port and administrators in production; and the
 * subgraphs are probed only when the detail is asked for. A source that is down leaves the gateway serving the
 * supergraph it has: still 200.
 */
export function readiness(options: ReadinessOptions): (detail: boolean) => Promise<Readiness> {
  return async (detail) => {
    if (!options.isReady()) return { status: 503, body: { status: 'unavailable' } };
    if (!detail) return { status: 200, body: { status: 'ready' } };
    const health = await options.health?.();
    const sources = options.supergraph?.sources;
    const sourceDown = sources
      ? sources.supergraph.status !== 'ok' || sources.operations.status !== 'ok'
      : false;
    return {
      status: 200,
      body: {
        status: health?.degraded || sourceDown ? 'degraded' : 'ready',
        ...schemaVersions(options.supergraph),
        ...(sources
          ? {
              supergraphSource: described(sources.supergraph),
              operationsSource: described(sources.operations),
            }
          : {}),
        ...(health ? { subgraphs: health.subgraphs, redis: health.redis } : {}),
      },
    };
  };
}

/** A source's state with its times as ISO 8601. */
function described({ status, since, lastReadAt, reason }: SourceState): Record<string, string> {
  return {
    status,
    since: new Date(since).toISOString(),
    ...(lastReadAt === undefined ? {} : { lastReadAt: new Date(lastReadAt).toISOString() }),
    ...(reason === undefined ? {} : { reason }),
  };
}

function schemaVersions(supergraph: SupergraphState | undefined): Record<string, string> {
  if (!supergraph) return {};
  const { version, refusedVersion } = supergraph;
  return refusedVersion
    ? { schemaVersion: version, refusedSchemaVersion: refusedVersion }
    : { schemaVersion: version };
}
