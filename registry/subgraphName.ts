/** A subgraph name as the registry accepts it: a letter, then up to 63 letters, digits, `_` and `-`. */
const SUBGRAPH_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Whether `name` is a subgraph name the registry accepts (see `SUBGRAPH_NAME`). */
export function isSubgraphName(name: string): boolean {
  return SUBGRAPH_NAME.test(name);
}
