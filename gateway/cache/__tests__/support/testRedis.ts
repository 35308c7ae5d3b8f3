import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/**
 * The standalone Redis that Redis-backed tests run against (`REDIS_URL`), or undefined to skip them. Under CI
 * (`CI=true`) a missing `REDIS_URL` is a failure, not a skip, so the Redis adapter cannot go untested there.
 */
export function testRedisUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env['REDIS_URL'];
  if (!url && env['CI'] === 'true') throw new Error('REDIS_URL must be set under CI so the Redis tests run');
  return url || undefined;
}

/** A key prefix no other test run uses, so runs can share one Redis and clean up only their own keys. */
export function randomPrefix(): string {
  return `cf-test:${Date.now().toString(36)}:${randomBytes(4).toString('hex')}:`;
}

/** Resolves once `client` accepts commands: with the offline queue off, commands sent before that fail. */
export function whenReady(client: Redis | Cluster, timeoutMs = 10_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready after ${timeoutMs} ms`)), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Waits `ms` of real time (for expiry kept by the Redis server's own clock). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
