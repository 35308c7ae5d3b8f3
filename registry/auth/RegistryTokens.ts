import { createHash, timingSafeEqual } from 'node:crypto';

/** Shortest token accepted with `NODE_ENV=production`. */
export const MIN_PRODUCTION_TOKEN_LENGTH = 32;

/** The registry's bearer tokens, by what they allow. */
export interface RegistryTokenSet {
  /** Everything: publish any subgraph, roll back, register operations, read. */
  admin: string;
  /** Reads: the supergraph, the operations and the history (gateways, dashboards). */
  read: string;
  /** Per subgraph: check and publish that subgraph, and read. */
  publish: Readonly<Record<string, string>>;
}

/** Who a request's token says the caller is. */
export type Principal = { kind: 'admin' } | { kind: 'read' } | { kind: 'publish'; subgraph: string };

/**
 * Tells callers apart by their bearer token. Tokens are kept only as SHA-256 digests and a presented token's digest
 * is compared with every one of them in constant time, so neither the answer's timing nor an early exit says how
 * much of a token was right, or which kind came close.
 */
export class RegistryTokens {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(tokens: RegistryTokenSet) {
    this.entries = [
      { digest: digest(tokens.admin), principal: { kind: 'admin' } },
      { digest: digest(tokens.read), principal: { kind: 'read' } },
      ...Object.entries(tokens.publish).map(([subgraph, token]) => ({
        digest: digest(token),
        principal: { kind: 'publish', subgraph } as const,
      })),
    ];
  }

  /** The caller an `Authorization: Bearer <token>` header names; null when it is missing or names no one. */
  identify(authorization: string | undefined): Principal | null {
    const token = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
    if (!token) return null;
    const presented = digest(token);
    let match: Principal | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(presented, entry.digest)) match = entry.principal;
    }
    return match;
  }
}

/** Whether `principal` may check and publish every one of `subgraphs`. */
export function mayPublish(principal: Principal, subgraphs: readonly string[]): boolean {
  if (principal.kind === 'admin') return true;
  return principal.kind === 'publish' && subgraphs.every((name) => name === principal.subgraph);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
