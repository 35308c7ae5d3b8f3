/** Options of {@link StallBreaker}. */
export interface StallBreakerOptions {
  /** How often a call is let through to find out whether a stalled store answers again, in ms. Default 500. */
  probeIntervalMs?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/**
 * Remembers that a store stalled, so that a request pays for one timeout rather than one per call. Once a call
 * timed out, `allows` answers false (the caller answers without the store at once) except for one probe call every
 * `probeIntervalMs`; the first call that answers in time closes it again. Fast failures (Redis down, with the
 * client refusing commands at once) leave it as it is: they cost nothing to wait for.
 */
export class StallBreaker {
  private readonly probeIntervalMs: number;
  private readonly now: () => number;
  private stalled = false;
  private probedAt = -Infinity;

  constructor(options: StallBreakerOptions = {}) {
    this.probeIntervalMs = options.probeIntervalMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** Whether a call may go to the store now; while stalled, true once per interval (that call is the probe). */
  allows(): boolean {
    if (!this.stalled) return true;
    const now = this.now();
    if (now - this.probedAt < this.probeIntervalMs) return false;
    this.probedAt = now;
    return true;
  }

  /** A call answered in time: the store is not stalled. */
  answered(): void {
    this.stalled = false;
  }

  /** A call took longer than its bound: skip the store until a probe answers. */
  timedOut(): void {
    if (!this.stalled) this.probedAt = this.now();
    this.stalled = true;
  }
}
