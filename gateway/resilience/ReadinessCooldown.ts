import type { IBackoff, IBackoffFactory, IHalfOpenAfterBackoffContext } from 'cockatiel';

/**
 * An open circuit's wait before a half-open probe, as cockatiel's `halfOpenAfter`: `cooldownMs`, unless the
 * subgraph was seen ready meanwhile (`endNow`), then none. Each opening starts a cooldown of its own.
 */
export class ReadinessCooldown implements IBackoffFactory<IHalfOpenAfterBackoffContext> {
  private current: OpenPeriod | undefined;

  constructor(private readonly cooldownMs: number) {}

  next(): IBackoff<IHalfOpenAfterBackoffContext> {
    this.current = new OpenPeriod(this, this.cooldownMs);
    return this.current;
  }

  /** Ends the current cooldown: the next fetch through the circuit is its half-open probe. */
  endNow(): void {
    if (this.current) this.current.ended = true;
  }
}

/** One opening's cooldown. cockatiel reads `duration` at each fetch while the circuit is open. */
class OpenPeriod implements IBackoff<IHalfOpenAfterBackoffContext> {
  ended = false;

  constructor(
    private readonly factory: ReadinessCooldown,
    private readonly cooldownMs: number,
  ) {}

  get duration(): number {
    return this.ended ? 0 : this.cooldownMs;
  }

  next(): IBackoff<IHalfOpenAfterBackoffContext> {
    return this.factory.next();
  }
}
