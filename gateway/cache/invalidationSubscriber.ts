import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { INVALIDATION_CHANNEL } from '../../contracts/caching.js';

/** What a change announcement asks for: these tags purged, or everything. */
export type PurgeRequest = { tags: string[] } | { all: true };

/** Most tags one message may name; a larger message is refused rather than half-applied. */
const MAX_TAGS = 10_000;

/**
 * Listens on the invalidation channel (see contracts/caching.ts) for changes made outside GraphQL and hands each
 * valid announcement to `purge`. Uses a connection of its own, since a subscribed connection can do nothing else.
 * @returns a function that closes that connection.
 */
export function subscribeToInvalidations(
  redis: Redis | Cluster,
  purge: (request: PurgeRequest) => Promise<unknown>,
  logger: Logger,
): () => Promise<void> {
  // The shared client fails fast while disconnected; this one may wait, and resubscribes after a reconnect.
  const subscriber = redis.isCluster
    ? (redis as Cluster).duplicate(undefined, { enableOfflineQueue: true })
    : (redis as Redis).duplicate({ enableOfflineQueue: true });
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => {
    const request = parsePurgeRequest(message);
    if (!request) {
      logger.warn({ channel: INVALIDATION_CHANNEL }, 'ignored a malformed invalidation message');
      return;
    }
    void purge(request);
  });
  // Not awaited: with Redis down at start-up the gateway serves anyway and subscribes once Redis answers.
  subscriber.subscribe(INVALIDATION_CHANNEL).catch((error: unknown) => {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'could not subscribe to invalidations',
    );
  });
  return async () => {
    await subscriber.quit().catch(() => undefined);
  };
}

/** Parses `{"tags": ["Product:42"]}` or `{"all": true}`; null for anything else. */
export function parsePurgeRequest(message: string): PurgeRequest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { tags, all } = parsed as { tags?: unknown; all?: unknown };
  if (all === true) return { all: true };
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > MAX_TAGS) return null;
  if (!tags.every((tag) => typeof tag === 'string' && /^[A-Za-z_][A-Za-z0-9_]*(:[^\s]{1,200})?$/.test(tag)))
    return null;
  return { tags: tags as string[] };
}
