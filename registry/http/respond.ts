import type { ServerResponse } from 'node:http';
import type { RegistryError } from '../errors.js';

/** Sends `payload` as JSON with `status` and `headers`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(payload));
}

/** Sends `error` as `{ error: { code, message, ... } }` with its status. */
export function sendError(
  res: ServerResponse,
  error: RegistryError,
  headers: Record<string, string> = {},
): void {
  sendJson(res, error.status, error, headers);
}

/**
 * Whether a conditional GET's `If-None-Match` names `etag` (or `*`), so that a 304 answers it. Weak validators
 * compare as strong ones: the registry's ETags are content hashes.
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
