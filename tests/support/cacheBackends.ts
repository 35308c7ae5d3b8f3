import { randomBytes } from 'node:crypto';

/**
 * The cache stores a caching suite runs against: in memory always, and the Redis at REDIS_URL when set (CI sets
 * it, and fails without it), each under a key prefix of its own. Every gateway of a test runs on one clock, so
 * Redis is told there is no clock skew between them.
 */
export function cacheBackends(): [string, NodeJS.ProcessEnv][] {
  const url = process.env['REDIS_URL'];
  if (!url && process.env['CI'] === 'true') throw new Error('REDIS_URL must be set under CI');
  const memory: [string, NodeJS.ProcessEnv] = ['memory', {}];
  if (!url) return [memory];
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  return [memory, ['redis', { REDIS_URL: url, REDIS_KEY_PREFIX: prefix, CACHE_CLOCK_SKEW_MS: '0' }]];
}
