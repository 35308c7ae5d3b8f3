import autocannon from 'autocannon';
import type { PageRequest } from './pages.js';

/** A cursor over a page's rotation: each call gives the next request, wrapping around. */
export type Rotation = () => PageRequest;

export function rotation(requests: readonly PageRequest[]): Rotation {
  let next = 0;
  return () => requests[next++ % requests.length]!;
}

export interface LoadOptions {
  url: string;
  connections: number;
  next: Rotation;
  /** Seconds of load; or `amount`. */
  durationSeconds?: number;
  /** Requests to send, then stop. */
  amount?: number;
  /** With `amount`: stop after this many seconds even if not all were answered. Default none. */
  maxSeconds?: number;
  /** Requests per second over all connections; default as fast as they are answered. */
  overallRate?: number;
  /** Headers besides `content-type` and the rotation's `authorization`. Default none. */
  headers?: Record<string, string>;
}

/** What one stretch of load saw. */
export interface LoadResult {
  /** Requests answered. */
  requests: number;
  /** Requests sent, including those still in flight when the time was up (their work still happens). */
  sent: number;
  seconds: number;
  /** Every response's latency, in ms. */
  latencies: number[];
  /** Non-2xx answers, socket errors and timeouts. */
  failures: number;
  /** 2xx answers whose body holds GraphQL `errors`. */
  graphqlErrors: number;
  /** The start of the first answer that held `errors`, for the message when a column fails. */
  firstError?: string;
}

/** Drives `connections` keep-alive connections against `url`, each request the rotation's next. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstError: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        connections: options.connections,
        // autocannon ends a run (by time or by amount) only on its next sample tick: tick often.
        sampleInt: 50,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 1 }),
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            setupRequest(request) {
              const { body, authorization } = options.next();
              const headers = { ...request.headers, ...(authorization ? { authorization } : {}) };
              if (!authorization) delete headers['authorization'];
              return { ...request, body, headers };
            },
          },
        ],
        verifyBody: (body) => {
          const text = String(body ?? '');
          if (!text.includes('"errors"')) return true;
          firstError ??= text.slice(0, 300);
          return false;
        },
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          sent: result.requests.sent,
          seconds: result.duration,
          latencies,
          failures: result.non2xx + result.errors + result.timeouts,
          graphqlErrors: result.mismatches,
          ...(firstError ? { firstError } : {}),
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (options.amount && latencies.length >= options.amount) instance.stop();
    });
    if (options.amount && options.maxSeconds) {
      const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
      instance.on('done', () => clearTimeout(timer));
    }
  });
}
