import { performance } from 'node:perf_hooks';

/** One query-plan fetch from a subgraph, as the request log shows it. */
export interface ObservedFetch {
  subgraph: string;
  ms: number;
  /** No usable answer (unreachable, timed out, circuit open, not GraphQL), or an answer with GraphQL errors. */
  failed: boolean;
  /** GraphQL errors the subgraph answered (0 when it failed: its failure is the one error). */
  errors: number;
}

/** What the gateway notes about one request while answering it, for its log line and its metrics. */
export class RequestObservation {
  /** When the request's context was built, on `performance.now()`'s clock. */
  readonly startedAt = performance.now();
  /** The operation Apollo Server resolved; undefined when it did not run (a cache hit, a refused request). */
  operationName: string | undefined;
  /** Each subgraph fetch of the query plan, in the order they finished. */
  readonly fetches: ObservedFetch[] = [];
}
