/** One subgraph as a readiness probe saw it: `up` (ready), `unavailable` (answered, not ready) or `unreachable`. */
export interface SubgraphHealth {
  status: 'up' | 'unavailable' | 'unreachable';
  /** The HTTP status of an `unavailable` answer. */
  httpStatus?: number;
}

/** Asks the subgraph whose GraphQL endpoint is `url` for `/health/ready` on the same origin, waiting `timeoutMs` at most. */
export async function probeReadiness(url: string, timeoutMs: number): Promise<SubgraphHealth> {
  try {
    const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? { status: 'up' } : { status: 'unavailable', httpStatus: response.status };
  } catch {
    return { status: 'unreachable' };
  }
}
