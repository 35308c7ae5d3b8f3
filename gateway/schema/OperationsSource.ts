import type { RegisteredOperation } from './RegisteredOperations.js';

/**
 * Where the gateway reads the registered operations, which every supergraph it serves must fit: files
 * (`fileOperationsSource`) or the schema registry (`registryOperationsSource`). Read at start and at each look at
 * the supergraph's source.
 */
export interface OperationsSource {
  /** The source for logs: paths, or a URL without its query or credentials. */
  readonly description: string;
  /**
   * The registered operations, or undefined when they have not changed since the last read. Throws when the
   * source cannot be read or holds a document that does not parse: the caller keeps the copy it has.
   */
  read(): Promise<readonly RegisteredOperation[] | undefined>;
}
