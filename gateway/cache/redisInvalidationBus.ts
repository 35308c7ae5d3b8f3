import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { INVALIDATION_CHANNEL } from '../../contracts/caching.js';
import type { InvalidationBus } from './InvalidationBus.js';
import { PendingPurges } from './PendingPurges.js';
import { parsePurgeRequest, type PurgeRequest } from './purgeRequest.js';
import { SubscriptionHealth } from './SubscriptionHealth.js';

export interface RedisInvalidationBusOptions {
  /** The channel purges and announcements travel on. Default `INVALIDATION_CHANNEL` (contracts/caching.ts). */
  channel?: string;
  /**
   * Longest wait for Redis to take a purge and the other instances to confirm it, in ms; also how recently this
   * instance's subscription must have shown life for it to trust what it keeps in process (at least 100). Default 250.
   */
  ackTimeoutMs?: number;
  /**
   * Applies a change announced on the channel from outside the gateway (a message without a sender): nothing else
   * has purged the shared store for it. Default: ignore.
   */
  onAnnouncement?: (request: PurgeRequest) => Promise<unknown>;
  /**
   * Applies a purge that could not be announced to this instance's shared store again, just before it is announced
   * late: Redis may have missed the first attempt as well. Default: nothing.
   */
  reapply?: (request: PurgeRequest) => Promise<unknown>;
}

/** Longest wait at start-up for the subscription, in ms. */
const SUBSCRIBE_WAIT_MS = 2_000;
/** How often purges that could not be announced are tried again while some are waiting, in ms. */
const RETRY_MS = 1_000;
/** The shortest lease a subscription's last sign of life is trusted for, in ms. */
const MIN_LEASE_MS = 100;

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
 *
 * Redis down or stalled must neither hold a mutation nor lose its purge: `publish` waits at most `ackTimeoutMs`
 * in all, and a purge Redis did not take in that time is kept (coalesced, bounded: `PendingPurges`) and announced
 * again once Redis answers. `hearsAll` says whether this instance may be missing other instances' purges, and
 * `onLost` when it may have missed some for good (see `SubscriptionHealth`), so that what it keeps in process is
 * trusted only while it hears them.
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

  const health = new SubscriptionHealth(subscriber, { leaseMs: Math.max(ackTimeoutMs, MIN_LEASE_MS) });
  const pending = new PendingPurges();
  let retry: NodeJS.Timeout | undefined;
  let flushing = false;
  let stopped = false;

  /**
   * Publishes `request` and waits for the acknowledgements; false when Redis did not take it within the bound.
   * A failed retry logs at debug only: the first attempt has said so, and Redis may stay away a long time.
   */
  async function announce(request: PurgeRequest, retrying = false): Promise<boolean> {
    const warn = (retrying ? logger.debug : logger.warn).bind(logger);
    const id = String(++nextId);
    let done = () => {};
    const confirmed = new Promise<void>((resolve) => (done = resolve));
    // Acknowledgements may arrive before PUBLISH answers how many to expect.
    const entry = { acked: 0, expected: Infinity, done };
    waiting.set(id, entry);
    let taken = false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ackTimeoutMs, 'late')));
    const sent = redis
      .publish(channel, JSON.stringify({ ...request, from: instance, id }))
      .then(async (receivers) => {
        taken = true;
        entry.expected = receivers - (health.listening ? 1 : 0);
        if (entry.acked >= entry.expected) done();
        await confirmed;
        return 'confirmed' as const;
      });
    try {
      // Promise.race subscribes to the losing PUBLISH too, so its late rejection is never unhandled.
      if ((await Promise.race([sent, late])) === 'late') {
        warn(
          taken
            ? { acked: entry.acked, expected: entry.expected }
            : { timeoutMs: ackTimeoutMs, again: 'once Redis answers' },
          taken
            ? 'not every instance confirmed a purge in time'
            : 'Redis did not take a purge in time to tell other instances',
        );
      }
    } catch (error) {
      warn(
        { err: errorText(error), again: 'once Redis answers' },
        'could not tell other instances of a purge',
      );
    } finally {
      clearTimeout(timer);
      waiting.delete(id);
      done();
    }
    return taken;
  }

  function retryLater(): void {
    if (retry || stopped || pending.empty) return;
    retry = setTimeout(() => {
      retry = undefined;
      void flush();
    }, RETRY_MS);
    retry.unref();
  }

  /** Announces what is waiting, once Redis answers: applied to the shared store again first. */
  async function flush(): Promise<void> {
    if (flushing || stopped || pending.empty) return;
    if (redis.status !== 'ready') return retryLater();
    flushing = true;
    const request = pending.take()!;
    try {
      await options.reapply?.(request);
      if (await announce(request, true)) logger.info({ all: 'all' in request }, 'announced a purge late');
      else pending.add(request);
    } catch (error) {
      logger.debug({ err: errorText(error) }, 'could not apply a purge again');
      pending.add(request);
    } finally {
      flushing = false;
      retryLater();
    }
  }

  return {
    async publish(request) {
      if (await announce(request)) return;
      pending.add(request);
      retryLater();
    },

    hearsAll: () => health.hearsAll(),

    onLost: (listener) => health.onLost(listener),

    async subscribe(handler) {
      apply = handler;
      const listen = () => {
        const sentAt = Date.now();
        const connection = health.current;
        return subscriber
          .subscribe(channel, ackChannel)
          .then(() => {
            health.subscribedAt(sentAt, connection);
            void flush();
          })
          .catch((error: unknown) =>
            logger.warn({ err: errorText(error) }, 'could not subscribe to invalidations'),
          );
      };
      health.start();
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
      return async () => {
        stopped = true;
        clearTimeout(retry);
        health.stop();
        if (!pending.empty) logger.warn('stopping with purges other instances were never told of');
        subscriber.disconnect();
      };
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
