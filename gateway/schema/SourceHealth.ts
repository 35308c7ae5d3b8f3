/** Whether a source (the supergraph's, the registered operations') answered its last read. */
export type SourceStatus = 'ok' | 'unreachable';

/** One source as the gateway last saw it, for readiness and metrics. Times are epoch milliseconds. */
export interface SourceState {
  status: SourceStatus;
  /** When the source entered `status`. */
  since: number;
  /** The last read that succeeded (a 304 included), if any. */
  lastReadAt?: number;
  /** Why the last read failed, while `unreachable`. */
  reason?: string;
}

/** The state of both sources the gateway reads. */
export interface SourceStates {
  supergraph: SourceState;
  operations: SourceState;
}

/**
 * What became of the reads of one source: `succeeded` and `failed` record each read and say whether the status
 * changed, so that a source failing at every poll is logged once, when it starts and when it ends.
 */
export class SourceHealth {
  private current: SourceState;

  /** @param now the clock; default `Date.now`. */
  constructor(private readonly now: () => number = Date.now) {
    this.current = { status: 'ok', since: now() };
  }

  get state(): SourceState {
    return this.current;
  }

  /** Records a read that succeeded; true when the source was unreachable until now. */
  succeeded(): boolean {
    const at = this.now();
    const recovered = this.current.status !== 'ok';
    this.current = { status: 'ok', since: recovered ? at : this.current.since, lastReadAt: at };
    return recovered;
  }

  /** Records a read that failed; true when the source was reachable until now. */
  failed(reason: string): boolean {
    const started = this.current.status !== 'unreachable';
    const { lastReadAt } = this.current;
    this.current = {
      status: 'unreachable',
      since: started ? this.now() : this.current.since,
      ...(lastReadAt === undefined ? {} : { lastReadAt }),
      reason,
    };
    return started;
  }
}
