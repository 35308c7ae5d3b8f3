import { randomUUID } from 'node:crypto';

/**
 * The header a request id travels in: read from a client and answered by the gateway, sent by the gateway with
 * every subgraph request it makes for that client request, and read by the subgraph, so that one id ties the
 * gateway's log lines to the subgraphs'.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A sane request id: 1 to 64 of `A-Za-z0-9._-`, safe in a header and a log line as it is. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The request id `header` carries when it is sane (see {@link SANE_REQUEST_ID}), else a new UUID. */
export function readRequestId(header: string | undefined): string {
  return header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
