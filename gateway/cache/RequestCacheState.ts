import type { VaryDimension } from '../../contracts/caching.js';

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
