import type { Cluster, Redis } from 'ioredis';
import { probeReadiness, type SubgraphHealth } from './probeReadiness.js';

export type { SubgraphHealth };

/** The shared store: `connected`, `down` (configured, not connected now) or `not configured`. */
export interface RedisHealth {
  status: 'connected' | 'down' | 'not configured';
}

/** What `/health/ready` reports beside the schema version. */
export interface HealthReport {
  /** Whether a subgraph is not up or Redis is down: the gateway serves partial data or caches less. */
  degraded: boolean;
  subgraphs: Record<string, SubgraphHealth>;
  redis: RedisHealth;
}

export interface HealthCheckOptions {
  /** The subgraphs routed to now, name → GraphQL URL; each is probed at `/health/ready` on the same origin. */
  subgraphs(): Record<string, string>;
  /** The shared store's client, when Redis is configured. Default none. */
  redis?: Redis | Cluster;
  /** Longest wait for one subgraph probe, in ms. Default 500. */
  probeTimeoutMs?: number;
  /** How long a round of probes answers later checks, in ms, so that checks do not hammer subgraphs. Default 5,000. */
  cacheMs?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/**
 * The state of what the gateway depends on, for `/health/ready`. Subgraphs are probed concurrently, at most once per
 * `cacheMs` however often readiness is asked (concurrent checks share one round); Redis's state is read from its
 * client, with no round trip.
 */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const { probeTimeoutMs = 500, cacheMs = 5_000, now = Date.now } = options;
  let last: { at: number; probes: Promise<Record<string, SubgraphHealth>> } | undefined;

  return async () => {
    if (!last || now() - last.at >= cacheMs) {
      const targets = Object.entries(options.subgraphs());
      last = {
        at: now(),
        probes: Promise.all(
          targets.map(async ([name, url]) => [name, await probeReadiness(url, probeTimeoutMs)] as const),
        ).then((entries) => Object.fromEntries(entries)),
      };
    }
    const subgraphs = await last.probes;
    const redis = redisHealth(options.redis);
    const degraded =
      redis.status === 'down' || Object.values(subgraphs).some(({ status }) => status !== 'up');
    return { degraded, subgraphs, redis };
  };
}

function redisHealth(redis: Redis | Cluster | undefined): RedisHealth {
  if (!redis) return { status: 'not configured' };
  return { status: redis.status === 'ready' ? 'connected' : 'down' };
}
