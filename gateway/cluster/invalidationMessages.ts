import type { PurgeRequest } from '../cache/InvalidationBus.js';

/** Marks the cluster messages about purges, so that other IPC traffic passes by untouched. */
const TOPIC = 'cf:invalidation';

/**
 * What a worker and the primary say about purges over the cluster's IPC channel: a worker `publish`es, the primary
 * sends `apply` to every other worker, each answers `applied` once its own store has it, and the primary tells the
 * publisher `done` when all have answered, died, or the wait ran out.
 */
export type InvalidationMessage =
  | { topic: typeof TOPIC; kind: 'publish'; id: number; request: PurgeRequest }
  | { topic: typeof TOPIC; kind: 'apply'; id: number; request: PurgeRequest }
  | { topic: typeof TOPIC; kind: 'applied'; id: number }
  | { topic: typeof TOPIC; kind: 'done'; id: number };

type Kind = InvalidationMessage['kind'];

/** A message of `kind` with `fields`. */
export function invalidationMessage<K extends Kind>(
  kind: K,
  fields: Omit<Extract<InvalidationMessage, { kind: K }>, 'topic' | 'kind'>,
): InvalidationMessage {
  return { topic: TOPIC, kind, ...fields } as InvalidationMessage;
}

/** Whether `value`, received over IPC, is one of these messages. */
export function isInvalidationMessage(value: unknown): value is InvalidationMessage {
  if (!value || typeof value !== 'object') return false;
  const { topic, id } = value as { topic?: unknown; id?: unknown };
  return topic === TOPIC && typeof id === 'number';
}
