import { IDENTITY_HEADER, signInternalIdentity } from './internalIdentity.js';
import type { Viewer } from './requestContext.js';

/** Who asks a subgraph for its SDL: a service, no customer, no role. */
export const SCHEMA_READER: Viewer = { customerId: 'service:schema-reader', segment: null, roles: [] };

/** Options of {@link fetchServiceSdl}. */
export interface FetchServiceSdlOptions {
  /** The internal secret the identity header is signed with (`INTERNAL_AUTH_SECRET`). */
  secret: string;
  /** More request headers (rover's `introspection_headers`); default none. */
  headers?: Readonly<Record<string, string>>;
  /** How long to wait for the answer; default 10 s. */
  timeoutMs?: number;
}

/**
 * A running subgraph's own SDL, as Federation subgraphs serve it (`{ _service { sdl } }`), asked with the internal
 * identity header signed for {@link SCHEMA_READER}: how `npm run compose` reads a `subgraph_url` source, and how
 * the registry checks that a subgraph serves what is published. Throws, naming the URL, when the subgraph cannot
 * be reached or answers without an SDL.
 */
export async function fetchServiceSdl(url: string, options: FetchServiceSdlOptions): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        ...options.headers,
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signInternalIdentity(SCHEMA_READER, options.secret),
      },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new Error(`${url}: cannot read the subgraph's SDL (${(error as Error).message})`);
  }
  const text = await response.text();
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  const sdl = body?.data?._service?.sdl;
  if (response.ok && typeof sdl === 'string') return sdl;
  const why = body?.errors?.map((error) => error.message).join('; ') || text.slice(0, 200);
  throw new Error(`${url}: no SDL in the answer to { _service { sdl } } (HTTP ${response.status}: ${why})`);
}
