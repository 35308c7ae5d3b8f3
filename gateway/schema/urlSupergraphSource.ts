import type { SupergraphSource } from './SupergraphSource.js';

export interface UrlSupergraphSourceOptions {
  /** Longest wait for one fetch, in ms. Default 10,000. */
  timeoutMs?: number;
}

/**
 * A supergraph served over HTTP, polled. Each fetch sends the `ETag` and `Last-Modified` of the last answer as
 * `If-None-Match` and `If-Modified-Since`, so an unchanged supergraph costs a 304 and no parsing. Any other status
 * than 200 or 304 is an error: the gateway keeps what it serves.
 */
export function urlSupergraphSource(url: string, options: UrlSupergraphSourceOptions = {}): SupergraphSource {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const parsed = new URL(url);
  // Logged: a token in the query or the user part stays out of the logs.
  const description = `${parsed.origin}${parsed.pathname}`;
  let etag: string | undefined;
  let lastModified: string | undefined;
  return {
    description,
    async read() {
      const headers: Record<string, string> = {};
      if (etag) headers['if-none-match'] = etag;
      if (lastModified) headers['if-modified-since'] = lastModified;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (response.status === 304) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`${description} answered HTTP ${response.status}`);
      }
      const sdl = await response.text();
      etag = response.headers.get('etag') ?? undefined;
      lastModified = response.headers.get('last-modified') ?? undefined;
      return sdl;
    },
    watch(onChange, intervalMs) {
      const poll = setInterval(onChange, intervalMs).unref();
      return () => clearInterval(poll);
    },
  };
}
