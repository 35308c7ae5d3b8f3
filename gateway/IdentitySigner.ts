import { signInternalIdentity } from '../contracts/internalIdentity.js';
import type { Viewer } from '../contracts/requestContext.js';

/** Seconds a signed identity stays valid: long enough for one client request's subgraph fetches. */
const TOKEN_TTL_SECONDS = 60;

/**
 * Signs the caller's identity for subgraphs, once per client request: every subgraph fetch of that request reuses
 * the same token (and subgraphs verify each token once).
 */
export class IdentitySigner {
  private readonly tokens = new WeakMap<Viewer, Promise<string>>();

  constructor(private readonly secret: string) {}

  tokenFor(viewer: Viewer): Promise<string> {
    let token = this.tokens.get(viewer);
    if (!token) {
      token = signInternalIdentity(viewer, this.secret, TOKEN_TTL_SECONDS);
      this.tokens.set(viewer, token);
    }
    return token;
  }
}
