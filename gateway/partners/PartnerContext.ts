import type { HeaderReader } from '../requestContext.js';
import type { ClientRegistry, RegisteredClient } from './ClientRegistry.js';
import { UnknownApiKeyError } from './errors.js';

/** The request header carrying a client's API key. */
export const API_KEY_HEADER = 'x-api-key';

/** What the persisted-documents plugin needs from the request context; the gateway's context extends it. */
export interface PartnerContext {
  /** The registered client that sent the request, or null for an anonymous caller (no API key). */
  client: RegisteredClient | null;
}

/**
 * The partner part of a request's context, from its `x-api-key` header. Throws `UnknownApiKeyError` (401,
 * `UNAUTHENTICATED`) for a key no client has: a wrong key is never treated as anonymous.
 */
export function identifyCaller(registry: ClientRegistry, header: HeaderReader): PartnerContext {
  const identity = registry.identify(header(API_KEY_HEADER));
  if (identity.kind === 'unknown') throw new UnknownApiKeyError();
  return { client: identity.kind === 'client' ? identity.client : null };
}
