import { SubgraphUnavailableError, type SubgraphFailure } from '../../errors.js';
import { createRetry, isRetryable } from '../retryPolicy.js';

const failure = (detail: SubgraphFailure) => new SubgraphUnavailableError('pricing', detail);

/** An attempt that fails with `errors` in turn, then answers 'ok'; `calls` counts its calls. */
function failing(...errors: Error[]) {
  const attempt = Object.assign(
    async () => {
      attempt.calls += 1;
      const error = errors.shift();
      if (error) throw error;
      return 'ok';
    },
    { calls: 0 },
  );
  return attempt;
}

describe('isRetryable', () => {
  it.each([
    [{ kind: 'connection' } as const, true],
    [{ kind: 'status', status: 502 } as const, true],
    [{ kind: 'status', status: 503 } as const, true],
    [{ kind: 'status', status: 504 } as const, true],
    [{ kind: 'status', status: 500 } as const, false],
    [{ kind: 'status', status: 400 } as const, false],
    [{ kind: 'timeout' } as const, false],
    [{ kind: 'invalid-response' } as const, false],
    [{ kind: 'circuit-open' } as const, false],
  ])('judges %j retryable: %s', (detail, expected) => {
    expect(isRetryable(failure(detail))).toBe(expected);
  });

  it('never retries an error that is not a subgraph failure', () => {
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});

describe('createRetry', () => {
  it('retries a connection failure and a 503, then answers', async () => {
    const attempt = failing(failure({ kind: 'connection' }), failure({ kind: 'status', status: 503 }));
    const retry = createRetry({ retries: 2, delayMs: 1, budgetMs: 1_000 });
    await expect(retry(attempt)).resolves.toBe('ok');
    expect(attempt.calls).toBe(3);
  });

  it('gives up after the configured number of retries with the last failure', async () => {
    const last = failure({ kind: 'status', status: 503 });
    const attempt = failing(failure({ kind: 'connection' }), failure({ kind: 'connection' }), last);
    const retry = createRetry({ retries: 2, delayMs: 1, budgetMs: 1_000 });
    await expect(retry(attempt)).rejects.toBe(last);
    expect(attempt.calls).toBe(3);
  });

  it('does not retry a timeout', async () => {
    const attempt = failing(failure({ kind: 'timeout' }));
    await expect(createRetry({ retries: 2, delayMs: 1, budgetMs: 1_000 })(attempt)).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(attempt.calls).toBe(1);
  });

  it('starts no retry once the time budget is spent', async () => {
    let now = 0;
    const attempt = Object.assign(
      async () => {
        attempt.calls += 1;
        now += 600;
        throw failure({ kind: 'connection' });
      },
      { calls: 0 },
    );
    // 600 ms spent plus a longest backoff of 10 ms is past 500 ms: no retry.
    const retry = createRetry({ retries: 5, delayMs: 1, budgetMs: 500, now: () => now });
    await expect(retry(attempt)).rejects.toMatchObject({ kind: 'connection' });
    expect(attempt.calls).toBe(1);
  });

  it('retries within the budget and stops where it ends', async () => {
    let now = 0;
    const attempt = Object.assign(
      async () => {
        attempt.calls += 1;
        now += 200;
        throw failure({ kind: 'connection' });
      },
      { calls: 0 },
    );
    // Retries start at 200 and 400 ms (plus 10 ms of backoff at most, within 500); at 600 ms the budget is spent.
    const retry = createRetry({ retries: 5, delayMs: 1, budgetMs: 500, now: () => now });
    await expect(retry(attempt)).rejects.toMatchObject({ kind: 'connection' });
    expect(attempt.calls).toBe(3);
  });

  it('makes one attempt when retries are off', async () => {
    const attempt = failing(failure({ kind: 'connection' }));
    await expect(createRetry({ retries: 0, delayMs: 1, budgetMs: 1_000 })(attempt)).rejects.toMatchObject({
      kind: 'connection',
    });
    expect(attempt.calls).toBe(1);
  });
});
