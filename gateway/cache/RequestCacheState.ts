import type { OperationTypeNode } from 'graphql';
import type { VaryDimension } from '../../contracts/caching.js';

/** What the finished response was, as the whole-response cache needs to know before it stores it. */
export interface ResponseOutcome {
  /** The operation's type; undefined when none could be chosen. */
  operation: OperationTypeNode | undefined;
  /** The code of each error, as raised (before masking). */
  errorCodes: string[];
  /** Non-null fields were nulled on the way (Apollo Gateway's `valueCompletion`): not what the subgraphs hold. */
  incomplete: boolean;
  /**
   * The policy the subgraphs' hints add up to, before clients are told `private` for per-person answers (which the
   * gateway may still share, within a segment); null when it may not be cached.
   */
  policy: { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' } | null;
}

/**
 * What one client request learned from the subgraph answers (fetched or cached) that make up its response: the
 * context it depended on, the entities it holds, and whether any part was per-person or served stale. The
 * whole-response cache keys and tags its entry from this.
 */
export class RequestCacheState {
  readonly vary = new Set<VaryDimension>();
  readonly tags = new Set<string>();
  /** Some part was private to the viewer (PRIVATE scope, or it depended on who the viewer is). */
  private perViewer = false;
  /** Some part came from an expired entry because its subgraph failed. */
  stale = false;
  /** Set once the response is complete (see `cachePolicyPlugin`). */
  outcome: ResponseOutcome | undefined;

  /** Records one subgraph answer's dependencies and entities. */
  note(answer: { vary: Iterable<VaryDimension>; tags: Iterable<string>; private: boolean }): void {
    for (const dimension of answer.vary) this.vary.add(dimension);
    for (const tag of answer.tags) this.tags.add(tag);
    if (answer.private || this.vary.has('viewer')) this.perViewer = true;
  }

  get isPerViewer(): boolean {
    return this.perViewer || this.vary.has('viewer');
  }
}
