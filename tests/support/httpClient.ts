import { request, type Agent, type IncomingHttpHeaders } from 'node:http';

/** A whole HTTP answer: status, headers and body as text. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request whose body is held back until `send()`; `accepted` resolves once the server has taken it. */
export interface HeldRequest {
  /** Resolves when the server answered `100 Continue`: it has read the headers and is handling the request. */
  accepted: Promise<void>;
  /** Sends the body. */
  send(): void;
  answer: Promise<HttpAnswer>;
}

/** POSTs `payload` as JSON to `url` through `agent` (a new connection when none is given). */
export function postJson(url: string, payload: unknown, agent?: Agent): Promise<HttpAnswer> {
  const held = holdJson(url, payload, agent, false);
  held.send();
  return held.answer;
}

/**
 * POSTs `payload` as JSON to `url` with `Expect: 100-continue`, holding the body back until `send()`: a request the
 * server has accepted and is still in the middle of, for as long as the test likes.
 */
export function heldPostJson(url: string, payload: unknown, agent?: Agent): HeldRequest {
  return holdJson(url, payload, agent, true);
}

function holdJson(
  url: string,
  payload: unknown,
  agent: Agent | undefined,
  expectContinue: boolean,
): HeldRequest {
  const body = JSON.stringify(payload);
  const req = request(url, {
    method: 'POST',
    agent: agent ?? false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(expectContinue ? { expect: '100-continue' } : {}),
    },
  });
  const accepted = new Promise<void>((resolve) => req.once('continue', resolve));
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
  });
  // Without Expect, Node sends the headers only with the first write; with it, send them now to be accepted.
  if (expectContinue) req.flushHeaders();
  return { accepted, answer, send: () => req.end(body) };
}
