import type { PurgeRequest } from './purgeRequest.js';

/** Most distinct tags kept; one more and the pending purges become one purge of everything. Default 1,000. */
const DEFAULT_MAX_TAGS = 1_000;

/**
 * Purges this instance could not announce to the others (Redis down or stalled), kept to be announced once Redis
 * answers again. Bounded and coalesced: tags are kept once each, and past `maxTags` distinct tags, or once any
 * purge of everything is pending, they collapse into one purge of everything, which covers them all.
 */
export class PendingPurges {
  private tags = new Set<string>();
  private all = false;

  constructor(private readonly maxTags = DEFAULT_MAX_TAGS) {}

  /** Whether nothing is waiting. */
  get empty(): boolean {
    return !this.all && this.tags.size === 0;
  }

  /** Keeps `request` to be announced later, merged with what is already waiting. */
  add(request: PurgeRequest): void {
    if (this.all) return;
    if ('all' in request) return this.collapse();
    for (const tag of request.tags) this.tags.add(tag);
    if (this.tags.size > this.maxTags) this.collapse();
  }

  /** Everything waiting, as one request, and forgets it (`add` it back if announcing it fails); undefined if none. */
  take(): PurgeRequest | undefined {
    if (this.empty) return undefined;
    const request: PurgeRequest = this.all ? { all: true } : { tags: [...this.tags] };
    this.all = false;
    this.tags = new Set();
    return request;
  }

  private collapse(): void {
    this.all = true;
    this.tags = new Set();
  }
}
