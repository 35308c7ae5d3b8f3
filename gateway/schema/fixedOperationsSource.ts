import type { OperationsSource } from './OperationsSource.js';
import type { RegisteredOperation } from './RegisteredOperations.js';

/**
 * Operations known as the gateway starts, which change only with a deployment: the files of `OPERATIONS_DIR` and
 * the persisted-query manifest (`loadRegisteredOperations`), as the manifest the gateway answers persisted queries
 * from. The first read gives them; later ones report no change.
 * @param description where they were read, for logs.
 */
export function fixedOperationsSource(
  operations: readonly RegisteredOperation[],
  description: string,
): OperationsSource {
  let read = false;
  return {
    description,
    read() {
      if (read) return Promise.resolve(undefined);
      read = true;
      return Promise.resolve(operations);
    },
  };
}
