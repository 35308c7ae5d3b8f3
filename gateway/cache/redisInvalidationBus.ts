import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { INVALIDATION_CHANNEL } from '../../contracts/caching.js';
import type { InvalidationBus } from './InvalidationBus.js';
import { parsePurgeRequest, type PurgeRequest } from './purgeRequest.js';

export interface RedisInvalidationBusOptions {
  /** The channel purges and announcements travel on. Default `INVALIDATION_CHANNEL` (contracts/caching.ts). */
  channel?: string;
  /** Longest wait for the other instances to confirm a purge, in ms. Default 250. */
  ackTimeoutMs?: number;
  /**
   * Applies a change announced on the channel from outside the gateway (a message without a sender): nothing else
   * has purged the shared store for it. Default: ignore.
   */
  onAnnouncement?: (request: PurgeRequest) => Promise<unknown>;
}

/** Longest wait at start-up for the subscription, in ms. */
const SUBSCRIBE_WAIT_MS = 2_000;

/** A purge one instance relays to the others: the request, who sent it, and what to acknowledge. */
interface Relayed {
  request: PurgeRequest;
  from?: string;
  id?: string;
}

/**
 * The instances sharing a Redis tell each other about purges on the invalidation channel (see
 * contracts/caching.ts), where changes made outside GraphQL are announced too. A relayed purge carries its sender
 * and an id; each receiver applies it and acknowledges on the sender's own channel, and `publish` resolves once as
 * many instances acknowledged as Redis delivered the message to (or after `ackTimeoutMs`, logged). Listening takes
 * a connection of its own, since a subscribed connection can do nothing else. On a Cluster, Redis reports only the
 * receivers on the node it published on, so there the wait may end before every instance confirmed.
 */
export function redisInvalidationBus(
  redis: Redis | Cluster,
  logger: Logger,
  options: RedisInvalidationBusOptions = {},
): InvalidationBus {
  const ackTimeoutMs = options.ackTimeoutMs ?? 250;
  const channel = options.channel ?? INVALIDATION_CHANNEL;
  const instance = randomUUID();
  const ackChannel = `${channel}:ack:${instance}`;
  const waiting = new Map<string, { acked: number; expected: number; done: () => void }>();
  let listening = false;
  let nextId = 0;
  let apply: ((request: PurgeRequest) => Promise<unknown>) | undefined;

  // The shared client fails fast while disconnected; this one waits: SUBSCRIBE stays queued through any number of
  // failed connection attempts (with a bounded retry count it would be dropped, and the instance would never hear
  // of a purge). A SUBSCRIBE that reaches a new connection before ioredis's ready check makes that check's INFO fail
  // in subscriber mode; ioredis then drops the connection and comes back without the channels, so `subscribe`
  // subscribes again whenever the connection is ready (SUBSCRIBE is idempotent). Nothing on this connection is
  // worth batching, so auto-pipelining is off.
  const patient = { enableOfflineQueue: true, maxRetriesPerRequest: null, enableAutoPipelining: false };
  const subscriber = redis.isCluster
    ? (redis as Cluster).duplicate(undefined, {
        enableOfflineQueue: true,
        enableAutoPipelining: false,
        redisOptions: patient,
      })
    : (redis as Redis).duplicate(patient);
  subscriber.on('error', () => undefined);
  subscriber.on('message', (from: string, message: string) => {
    if (from === ackChannel) return acknowledge(message);
    const relayed = parseRelayed(message);
    if (!relayed) {
      logger.warn({ channel: from }, 'ignored a malformed invalidation message');
      return;
    }
    if (relayed.from === instance) return;
    const handler = relayed.from ? apply : options.onAnnouncement;
    void Promise.resolve(handler?.(relayed.request))
      .catch((error: unknown) => logger.warn({ err: errorText(error) }, 'could not apply a purge'))
      .finally(() => {
        if (relayed.from && relayed.id) {
          redis.publish(`${channel}:ack:${relayed.from}`, relayed.id).catch(() => undefined);
        }
      });
  });

  function acknowledge(id: string): void {
    const entry = waiting.get(id);
    if (!entry) return;
    entry.acked += 1;
    if (entry.acked >= entry.expected) entry.done();
  }

  return {
    async publish(request) {
      const id = String(++nextId);
      let done = () => {};
      const confirmed = new Promise<void>((resolve) => (done = resolve));
      // Acknowledgements may arrive before PUBLISH answers how many to expect.
      const entry = { acked: 0, expected: Infinity, done };
      waiting.set(id, entry);
      const timer = setTimeout(() => {
        logger.warn(
          { acked: entry.acked, expected: entry.expected },
          'not every instance confirmed a purge in time',
        );
        done();
      }, ackTimeoutMs);
      try {
        const receivers = await redis.publish(channel, JSON.stringify({ ...request, from: instance, id }));
        entry.expected = receivers - (listening ? 1 : 0);
        if (entry.acked >= entry.expected) done();
        await confirmed;
      } catch (error) {
        logger.warn({ err: errorText(error) }, 'could not tell other instances of a purge');
      } finally {
        clearTimeout(timer);
        waiting.delete(id);
      }
    },

    async subscribe(handler) {
      apply = handler;
      const listen = () =>
        subscriber
          .subscribe(channel, ackChannel)
          .then(() => (listening = true))
          .catch((error: unknown) =>
            logger.warn({ err: errorText(error) }, 'could not subscribe to invalidations'),
          );
      const subscribed = listen();
      subscriber.on('ready', () => void listen());
      // Listening before the gateway serves, so no purge is missed; with Redis down at start-up it serves anyway
      // after a moment and subscribes once Redis answers.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        subscribed,
        new Promise((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS))),
      ]);
      clearTimeout(timer);
      // Disconnect rather than QUIT: with Redis down, QUIT would wait in the offline queue for it to return.
      return async () => subscriber.disconnect();
    },
  };
}

function parseRelayed(message: string): Relayed | null {
  const request = parsePurgeRequest(message);
  if (!request) return null;
  const { from, id } = JSON.parse(message) as { from?: unknown; id?: unknown };
  return {
    request,
    ...(typeof from === 'string' ? { from } : {}),
    ...(typeof id === 'string' ? { id } : {}),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
