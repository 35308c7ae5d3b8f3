import type { Logger } from 'pino';
import type { PurgeRequest } from '../cache/InvalidationBus.js';
import {
  invalidationMessage,
  isInvalidationMessage,
  type InvalidationMessage,
} from './invalidationMessages.js';

/** What the relay needs of a cluster worker (`cluster.Worker` has it). */
export interface RelayWorker {
  readonly id: number;
  send(message: InvalidationMessage, callback: (error: Error | null) => void): boolean;
  isConnected(): boolean;
}

export interface InvalidationRelayOptions {
  /** The workers alive now. */
  workers: () => Iterable<RelayWorker>;
  logger: Logger;
  /** Longest wait for every other worker to apply one purge, in ms. */
  timeoutMs: number;
}

export interface InvalidationRelay {
  /** Handles a message from worker `from`; anything that is not about purges is ignored. */
  receive(from: RelayWorker, message: unknown): void;
  /** Forgets a worker that exited: no purge waits for it any more, and none it published is answered. */
  remove(workerId: number): void;
}

interface Publication {
  origin: RelayWorker;
  /** The id the origin gave it. */
  originId: number;
  /** Workers that have not applied it yet. */
  pending: Set<number>;
  timer?: NodeJS.Timeout;
}

/**
 * The primary's half of the cluster invalidation bus: relays each purge a worker publishes to every other worker
 * and answers the publisher once all have applied it, once those left have died, or after `timeoutMs` (logged with
 * the workers that did not answer), whichever comes first.
 */
export function invalidationRelay(options: InvalidationRelayOptions): InvalidationRelay {
  const { workers, logger, timeoutMs } = options;
  const publications = new Map<number, Publication>();
  let nextId = 1;

  const settle = (id: number, publication: Publication) => {
    clearTimeout(publication.timer);
    publications.delete(id);
    if (publication.origin.isConnected()) {
      publication.origin.send(invalidationMessage('done', { id: publication.originId }), () => undefined);
    }
  };
  const settleIfApplied = (id: number, publication: Publication) => {
    if (publication.pending.size === 0) settle(id, publication);
  };

  const relay = (origin: RelayWorker, originId: number, request: PurgeRequest) => {
    const id = nextId++;
    const targets = [...workers()].filter((worker) => worker.id !== origin.id && worker.isConnected());
    const publication: Publication = {
      origin,
      originId,
      pending: new Set(targets.map((worker) => worker.id)),
    };
    publications.set(id, publication);
    for (const worker of targets) {
      worker.send(invalidationMessage('apply', { id, request }), (error) => {
        // A worker that cannot hear the purge is on its way out: its store goes with it.
        if (!error || !publications.has(id)) return;
        publication.pending.delete(worker.id);
        settleIfApplied(id, publication);
      });
    }
    publication.timer = setTimeout(() => {
      logger.warn(
        { workers: [...publication.pending], timeoutMs },
        'workers did not apply a purge in time; answering without them',
      );
      settle(id, publication);
    }, timeoutMs);
    settleIfApplied(id, publication);
  };

  return {
    receive(from, message) {
      if (!isInvalidationMessage(message)) return;
      if (message.kind === 'publish') relay(from, message.id, message.request);
      else if (message.kind === 'applied') {
        const publication = publications.get(message.id);
        if (!publication) return;
        publication.pending.delete(from.id);
        settleIfApplied(message.id, publication);
      }
    },
    remove(workerId) {
      for (const [id, publication] of publications) {
        if (publication.origin.id === workerId) {
          clearTimeout(publication.timer);
          publications.delete(id);
        } else if (publication.pending.delete(workerId)) {
          settleIfApplied(id, publication);
        }
      }
    },
  };
}
