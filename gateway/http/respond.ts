import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../../contracts/errors.js';

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
