import type { SupergraphState } from '../schema/schemaVersion.js';
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
  /** The supergraph served, whose version (and the version last refused, if any) the detail names. Default none. */
  supergraph?: SupergraphState;
}

/**
 * `/health/ready`'s answer. The status alone (`ready`, or 503 `unavailable` while starting or stopping) is for
 * anyone: an orchestrator needs no more. The detail (`degraded` when a subgraph or Redis is down, each subgraph's
 * state, Redis's, the schema versions) maps the deployment, so it is for the metrics port and administrators in
 * production; and the subgraphs are probed only when the detail is asked for.
 */
export function readiness(options: ReadinessOptions): (detail: boolean) => Promise<Readiness> {
  return async (detail) => {
    if (!options.isReady()) return { status: 503, body: { status: 'unavailable' } };
    if (!detail) return { status: 200, body: { status: 'ready' } };
    const health = await options.health?.();
    return {
      status: 200,
      body: {
        status: health?.degraded ? 'degraded' : 'ready',
        ...schemaVersions(options.supergraph),
        ...(health ? { subgraphs: health.subgraphs, redis: health.redis } : {}),
      },
    };
  };
}

function schemaVersions(supergraph: SupergraphState | undefined): Record<string, string> {
  if (!supergraph) return {};
  const { version, refusedVersion } = supergraph;
  return refusedVersion
    ? { schemaVersion: version, refusedSchemaVersion: refusedVersion }
    : { schemaVersion: version };
}
