import { conditionalRead, type ConditionalReadOptions } from './conditionalRead.js';
import type { SupergraphSource } from './SupergraphSource.js';

export type UrlSupergraphSourceOptions = ConditionalReadOptions;

/**
 * A supergraph served over HTTP, polled. Each fetch sends the `ETag` and `Last-Modified` of the last answer as
 * `If-None-Match` and `If-Modified-Since`, so an unchanged supergraph costs a 304 and no parsing; with `token`, it
 * sends `Authorization: Bearer <token>`. Any other status than 200 or 304 is an error: the gateway keeps what it
 * serves.
 */
export function urlSupergraphSource(url: string, options: UrlSupergraphSourceOptions = {}): SupergraphSource {
  const { description, read } = conditionalRead(url, options);
  return {
    description,
    read,
    watch(onChange, intervalMs) {
      const poll = setInterval(onChange, intervalMs).unref();
      return () => clearInterval(poll);
    },
  };
}
