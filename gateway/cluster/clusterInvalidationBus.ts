import type { Logger } from 'pino';
import type { InvalidationBus, PurgeRequest } from '../cache/InvalidationBus.js';
import {
  invalidationMessage,
  isInvalidationMessage,
  type InvalidationMessage,
} from './invalidationMessages.js';

export interface ClusterInvalidationBusOptions {
  logger: Logger;
  /**
   * Longest `publish` waits for the primary's answer, in ms. Set it past the primary's own bound (see
   * `invalidationRelay`), so that it only matters when the primary is gone.
   */
  timeoutMs: number;
}

type Apply = (request: PurgeRequest) => Promise<unknown>;

/**
 * The invalidation bus of a cluster worker whose store is its own (no Redis): purges go to the primary over IPC,
 * which relays them to every other worker (see `invalidationRelay.ts`). Listens from the moment it is created, so a
 * worker still starting answers at once: it has nothing cached yet.
 */
export function clusterInvalidationBus(options: ClusterInvalidationBusOptions): InvalidationBus {
  const { logger, timeoutMs } = options;
  if (!process.send) {
    throw new Error(
      'clusterInvalidationBus needs a cluster worker: this process has no IPC channel to a primary',
    );
  }
  const waiting = new Map<number, () => void>();
  let apply: Apply | undefined;
  let nextId = 1;

  const send = (message: InvalidationMessage, onFailure: () => void) => {
    try {
      process.send!(message, undefined, undefined, (error: Error | null) => {
        if (error) onFailure();
      });
    } catch {
      onFailure();
    }
  };

  const applyAndAnswer = async (id: number, request: PurgeRequest) => {
    try {
      await apply?.(request);
    } catch (error) {
      logger.error({ err: error }, 'could not apply a purge published by another worker');
    }
    send(invalidationMessage('applied', { id }), () => undefined);
  };

  process.on('message', (message: unknown) => {
    if (!isInvalidationMessage(message)) return;
    if (message.kind === 'done') waiting.get(message.id)?.();
    else if (message.kind === 'apply') void applyAndAnswer(message.id, message.request);
  });

  return {
    publish(request) {
      const id = nextId++;
      return new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        };
        const timer = setTimeout(() => {
          logger.warn({ timeoutMs }, 'no answer from the primary about a purge; going on without it');
          finish();
        }, timeoutMs);
        waiting.set(id, finish);
        send(invalidationMessage('publish', { id, request }), () => {
          logger.warn('could not tell the primary about a purge; other workers may serve stale entries');
          finish();
        });
      });
    },
    async subscribe(next) {
      apply = next;
      return async () => {
        if (apply === next) apply = undefined;
      };
    },
  };
}
