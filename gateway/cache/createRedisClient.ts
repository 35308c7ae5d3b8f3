import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** Options of {@link createRedisClient}; give exactly one of `url` and `clusterNodes`. */
export interface RedisClientOptions {
  /** A standalone server, `redis://[:password@]host:port[/db]` or `rediss://…`. Default none. */
  url?: string;
  /** Cluster seed nodes, `host:port` or `redis://host:port` each; the rest are discovered. Default none. */
  clusterNodes?: readonly string[];
  /** Told of every connection error (they are frequent while Redis is down, and never thrown). Default: ignore. */
  onError?: (error: Error) => void;
}

/** Longest wait between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;

/** Reconnects forever, backing off to at most 2 s, so the gateway recovers without a restart when Redis returns. */
function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS);
}

/**
 * Options for a cache, which must fail open fast rather than make requests wait for Redis: commands fail at once
 * while disconnected (no offline queue), a command is retried at most once after a reconnect, and connecting
 * gives up after a second. Commands issued in the same tick are sent as one pipeline.
 */
const standaloneOptions: RedisOptions = {
  enableAutoPipelining: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1000,
  // How long close() waits for the socket to end before destroying it. ioredis arms this timer even when the
  // socket is already gone (closing while reconnecting), where it would hold process exit for the default 2 s.
  disconnectTimeout: 500,
  retryStrategy: reconnectDelay,
  lazyConnect: false,
};

/**
 * A Redis client for `RedisCache`: standalone for `url`, a Cluster for `clusterNodes`. It connects at once; until it
 * is ready (and whenever it is disconnected) commands are refused, which `ResilientCache` turns into misses.
 */
export function createRedisClient(options: RedisClientOptions): Redis | Cluster {
  const { url, clusterNodes, onError = () => {} } = options;
  if (url && clusterNodes?.length) {
    throw new TypeError('createRedisClient takes url or clusterNodes, not both');
  }
  let client: Redis | Cluster;
  if (clusterNodes?.length) {
    client = new Cluster([...clusterNodes], {
      // The node connections are created lazily by the cluster, so they keep their own offline queue: refusing
      // commands there would fail the first command to every node. The cluster-level queue is what is disabled.
      redisOptions: { connectTimeout: 1000, disconnectTimeout: 500, maxRetriesPerRequest: 1 },
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      clusterRetryStrategy: reconnectDelay,
    });
    // A node's own failures are reported separately from the cluster's.
    client.on('node error', (error: Error) => onError(error));
  } else if (url) {
    client = new Redis(url, standaloneOptions);
  } else {
    throw new TypeError('createRedisClient needs url or clusterNodes; got neither');
  }
  // Without an 'error' listener, Node turns ioredis's error events into uncaught exceptions.
  client.on('error', (error: Error) => onError(error));
  return client;
}
