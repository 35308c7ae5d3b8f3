import type { Cluster, Redis } from 'ioredis';

/** Options of {@link SubscriptionHealth}. */
export interface SubscriptionHealthOptions {
  /**
   * How recent the last sign of life of the subscription must be for it to count as current, in ms: a ping sent
   * at most this long ago has been answered (standalone Redis; a Cluster is judged by its connection state only).
   */
  leaseMs: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/**
 * Whether a subscriber connection hears every message published now. Redis delivers a channel's messages on the
 * subscriber's connection in order with the answers to its commands, so a ping answered means every message
 * published before Redis read that ping has arrived. The subscription counts as current while the connection is
 * ready, subscribed, and a ping sent within `leaseMs` was answered; it is lost (messages may be gone for good)
 * as soon as the connection closes, and only comes back with a new subscription.
 */
export class SubscriptionHealth {
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly lostListeners: (() => void)[] = [];
  private subscribed = false;
  /** When the latest answered ping (or the subscription) was sent. */
  private answeredSentAt = -Infinity;
  /** Bumped at each loss, so that an answer from before it counts for nothing. */
  private connection = 0;
  private pinging = false;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly subscriber: Redis | Cluster,
    options: SubscriptionHealthOptions,
  ) {
    this.leaseMs = options.leaseMs;
    this.now = options.now ?? Date.now;
    for (const event of ['close', 'end', 'reconnecting']) subscriber.on(event, () => this.lose());
  }

  /** Whether every message published on the channel up to about `leaseMs` ago has reached this process. */
  hearsAll(): boolean {
    if (!this.subscribed || this.subscriber.status !== 'ready') return false;
    return this.subscriber.isCluster || this.now() - this.answeredSentAt <= this.leaseMs;
  }

  /** Whether the channel is subscribed on the current connection (Redis counts this process as a receiver). */
  get listening(): boolean {
    return this.subscribed;
  }

  /** Calls `listener` each time the subscription is lost. */
  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  /** Reports a subscription answered on the current connection; the SUBSCRIBE was sent at `sentAt`. */
  subscribedAt(sentAt: number, connection: number): void {
    if (connection !== this.connection) return;
    this.subscribed = true;
    this.answeredSentAt = Math.max(this.answeredSentAt, sentAt);
  }

  /** The current connection's number, to hand back to `subscribedAt`. */
  get current(): number {
    return this.connection;
  }

  /** Pings every third of the lease, so that a current subscription stays current. */
  start(): void {
    if (this.heartbeat || this.subscriber.isCluster) return;
    this.heartbeat = setInterval(() => this.ping(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.heartbeat.unref();
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private ping(): void {
    if (this.pinging || !this.subscribed || this.subscriber.status !== 'ready') return;
    this.pinging = true;
    const sentAt = this.now();
    const connection = this.connection;
    (this.subscriber as Redis)
      .ping()
      .then(() => {
        if (connection === this.connection) this.answeredSentAt = Math.max(this.answeredSentAt, sentAt);
      })
      .catch(() => undefined)
      .finally(() => (this.pinging = false));
  }

  private lose(): void {
    this.connection += 1;
    this.answeredSentAt = -Infinity;
    if (!this.subscribed) return;
    this.subscribed = false;
    for (const listener of this.lostListeners) listener();
  }
}
