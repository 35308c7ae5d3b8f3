import type { IncomingMessage } from 'node:http';

/** The value of request header `name` (lower case), the first one when the request repeats it. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
