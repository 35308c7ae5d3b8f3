import type { PurgeRequest } from './purgeRequest.js';

export type { PurgeRequest };

/**
 * How the gateway instances (processes, containers, cluster workers) sharing one cache tell each other about
 * purges, so that what each keeps in process is purged everywhere before the write that caused it answers.
 */
export interface InvalidationBus {
  /**
   * Tells every other instance to apply `request`, and resolves once each has (or, when one does not answer, after
   * a bounded wait that is logged).
   */
  publish(request: PurgeRequest): Promise<void>;
  /** Calls `apply` for each purge another instance publishes. Resolves to a function that stops listening. */
  subscribe(apply: (request: PurgeRequest) => Promise<unknown>): Promise<() => Promise<void>>;
  /**
   * Whether every purge the other instances published until just now has reached this one; what this instance
   * keeps in process answers only while it does. Absent: always (the bus cannot lose a purge).
   */
  hearsAll?(): boolean;
  /** Calls `listener` whenever purges may have been lost for good (the subscription dropped). Absent: never. */
  onLost?(listener: () => void): void;
}

/** The bus of a gateway with no other instance to tell. */
export const soleInstanceBus: InvalidationBus = {
  publish: async () => {},
  subscribe: async () => async () => {},
};
