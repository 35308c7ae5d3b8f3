import { CacheMetrics } from '../CacheMetrics.js';

const zeros = { hit: 0, miss: 0, stale: 0, store: 0, error: 0, timeout: 0, invalidation: 0, eviction: 0 };

describe('CacheMetrics', () => {
  it('starts with every layer and event at zero', () => {
    expect(new CacheMetrics().snapshot()).toEqual({
      response: zeros,
      entity: zeros,
      apq: zeros,
      store: zeros,
    });
  });

  it('adds 1 by default, or the given count, to that layer and event only', () => {
    const metrics = new CacheMetrics();
    metrics.record('entity', 'hit');
    metrics.record('entity', 'hit', 4);
    metrics.record('apq', 'miss', 2);
    expect(metrics.snapshot()).toEqual({
      response: zeros,
      entity: { ...zeros, hit: 5 },
      apq: { ...zeros, miss: 2 },
      store: zeros,
    });
  });

  it('returns a snapshot that later records do not change', () => {
    const metrics = new CacheMetrics();
    const before = metrics.snapshot();
    metrics.record('response', 'store');
    expect(before.response.store).toBe(0);
    expect(metrics.snapshot().response.store).toBe(1);
  });

  it('ignores a count that is negative or not a whole number', () => {
    const metrics = new CacheMetrics();
    metrics.record('response', 'error', -1);
    metrics.record('response', 'error', 0.5);
    metrics.record('response', 'error', Number.NaN);
    expect(metrics.snapshot().response.error).toBe(0);
  });
});
