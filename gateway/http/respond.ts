import type { ServerResponse } from 'node:http';
import { ErrorCode } from '../../contracts/errors.js';

/** Sends `payload` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

/** Sends a GraphQL-shaped error (`{"errors": [{message, extensions: {code}}]}`), as clients expect from /graphql. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Answers 429 with `Retry-After` and a GraphQL-shaped error with code `RATE_LIMITED`. */
export function sendTooManyRequests(res: ServerResponse, retryAfterSeconds: number): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  res.setHeader('cache-control', 'no-store');
  sendError(res, 429, ErrorCode.RateLimited, `Too many requests; retry in ${retryAfterSeconds} s.`);
}
