/** What `InFlight.run` gives a caller: the value, and whether another caller's run produced it. */
export interface Flight<T> {
  value: T;
  shared: boolean;
}

/**
 * Coalesces identical work in flight: while a task for a key runs, callers with the same key wait for it instead
 * of starting their own. Each waiting caller gets its own copy, made the moment the task finishes and before the
 * first caller can change the value. A failure reaches every caller; nothing is remembered once a task ends.
 *
 * `generation`, when given, is part of every key: once it moves on (a purge was applied), callers start work of
 * their own rather than wait for work begun before, which may have read what the purge removed.
 */
export class InFlight<T> {
  private readonly flights = new Map<string, ((outcome: { value: T } | { error: unknown }) => void)[]>();

  constructor(
    private readonly copy: (value: T) => T,
    private readonly generation?: () => number,
  ) {}

  async run(work: string, task: () => Promise<T>): Promise<Flight<T>> {
    const key = this.generation ? `${this.generation()}\n${work}` : work;
    const waiting = this.flights.get(key);
    if (waiting) {
      const outcome = await new Promise<{ value: T } | { error: unknown }>((resolve) =>
        waiting.push(resolve),
      );
      if ('error' in outcome) throw outcome.error;
      return { value: outcome.value, shared: true };
    }
    const waiters: ((outcome: { value: T } | { error: unknown }) => void)[] = [];
    this.flights.set(key, waiters);
    try {
      const value = await task();
      this.flights.delete(key);
      for (const resolve of waiters) resolve({ value: this.copy(value) });
      return { value, shared: false };
    } catch (error) {
      this.flights.delete(key);
      for (const resolve of waiters) resolve({ error });
      throw error;
    }
  }

  /** How many keys have work in flight. */
  get size(): number {
    return this.flights.size;
  }
}
