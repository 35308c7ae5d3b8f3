/** Where the gateway reads its supergraph: a file (`fileSupergraphSource`) or a URL (`urlSupergraphSource`). */
export interface SupergraphSource {
  /** The source for logs: a path, or a URL without its query or credentials. */
  readonly description: string;
  /**
   * The supergraph SDL, or undefined when the source says it has not changed since the last read (HTTP 304).
   * Throws when the source cannot be read.
   */
  read(): Promise<string | undefined>;
  /**
   * Calls `onChange` whenever the supergraph may have changed: at least every `intervalMs`, and sooner when the
   * source can tell. Returns a function that stops watching.
   */
  watch(onChange: () => void, intervalMs: number): () => void;
}
