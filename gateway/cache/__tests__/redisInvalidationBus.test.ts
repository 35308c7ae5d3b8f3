import { Redis } from 'ioredis';
import { pino } from 'pino';
import { INVALIDATION_CHANNEL } from '../../../contracts/caching.js';
import { createRedisClient } from '../createRedisClient.js';
import type { InvalidationBus, PurgeRequest } from '../InvalidationBus.js';
import { redisInvalidationBus } from '../redisInvalidationBus.js';
import {
  hasRedisServer,
  startRedisServer,
  type TestRedisServer,
} from '../../../tests/support/redisServer.js';
import { randomPrefix, sleep, testRedisUrl, whenReady } from './support/testRedis.js';

const url = testRedisUrl();

(url ? describe : describe.skip)('redisInvalidationBus', () => {
  const clients: Redis[] = [];
  const stops: (() => Promise<void>)[] = [];
  const logger = pino({ level: 'silent' });
  // A channel of this run's own: gateways of other test files listen on the real one.
  let channel = '';
  beforeEach(() => {
    channel = `${randomPrefix()}invalidate`;
  });

  async function instance(apply: (request: PurgeRequest) => Promise<unknown>, ackTimeoutMs = 2_000) {
    const client = createRedisClient({ url: url ?? '' }) as Redis;
    clients.push(client);
    await whenReady(client);
    const announced: PurgeRequest[] = [];
    const bus = redisInvalidationBus(client, logger, {
      channel,
      ackTimeoutMs,
      onAnnouncement: async (request) => announced.push(request),
    });
    stops.push(await bus.subscribe(apply));
    return { bus, client, announced };
  }

  /** Waits until every bus listens: a publish before that has no one to reach. */
  async function listening(client: Redis, count: number) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const [, subscribers] = (await client.pubsub('NUMSUB', channel)) as [string, number];
      if (subscribers >= count) return;
      await sleep(20);
    }
    throw new Error('the buses did not subscribe');
  }

  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  });

  it('resolves a publish only once every other instance has applied the purge', async () => {
    const applied: string[] = [];
    const slowApply = (name: string) => async (request: PurgeRequest) => {
      await sleep(50);
      applied.push(`${name} ${JSON.stringify(request)}`);
    };
    const origin = await instance(async () => applied.push('origin applied its own purge'));
    await instance(slowApply('b'));
    await instance(slowApply('c'));
    await listening(origin.client, 3);
    await origin.bus.publish({ tags: ['Product:42'] });
    expect(applied.sort()).toEqual(['b {"tags":["Product:42"]}', 'c {"tags":["Product:42"]}']);
  });

  it('gives up waiting for an instance that never confirms, after the bound', async () => {
    const origin = await instance(async () => undefined, 100);
    await instance(() => new Promise(() => {}));
    await listening(origin.client, 2);
    await expect(origin.bus.publish({ all: true })).resolves.toBeUndefined();
  });

  it('hands announcements from outside the gateway, which name no sender, to every instance', async () => {
    const a = await instance(async () => undefined);
    const b = await instance(async () => undefined);
    await listening(a.client, 2);
    await a.client.publish(channel, JSON.stringify({ tags: ['Category:7'] }));
    for (let attempt = 0; attempt < 50 && b.announced.length === 0; attempt++) await sleep(20);
    expect([a.announced, b.announced]).toEqual([[{ tags: ['Category:7'] }], [{ tags: ['Category:7'] }]]);
  });

  it('ignores malformed messages and keeps listening', async () => {
    const applied: PurgeRequest[] = [];
    const origin = await instance(async () => undefined);
    const other: { bus: InvalidationBus } = await instance(async (request) => applied.push(request));
    await listening(origin.client, 2);
    await origin.client.publish(channel, '{not json');
    await origin.bus.publish({ tags: ['Product:1'] });
    expect(applied).toEqual([{ tags: ['Product:1'] }]);
    expect(other.bus).toBeDefined();
  });
});

// Needs a redis-server of its own to stop and start; CI installs one, so there a missing binary fails the run.
const ownServer = hasRedisServer() || process.env['CI'] === 'true';
(ownServer ? describe : describe.skip)('redisInvalidationBus when Redis is down at start-up', () => {
  it('subscribes once Redis answers, however long that takes', async () => {
    const redis = await startRedisServer();
    await redis.stop();
    const client = createRedisClient({ url: redis.url }) as Redis;
    const announced: PurgeRequest[] = [];
    const bus = redisInvalidationBus(client, pino({ level: 'silent' }), {
      onAnnouncement: async (request) => announced.push(request),
    });
    const stop = await bus.subscribe(async () => undefined);
    try {
      // Longer than the client's connect timeout and its retries: the subscription must outlast them.
      await sleep(3_000);
      await redis.start();
      await whenReady(client);
      let receivers = 0;
      for (let attempt = 0; attempt < 100 && receivers === 0; attempt++) {
        await sleep(50);
        receivers = await client.publish(INVALIDATION_CHANNEL, JSON.stringify({ tags: ['Brand:3'] }));
      }
      expect(receivers).toBe(1);
      for (let attempt = 0; attempt < 50 && announced.length === 0; attempt++) await sleep(20);
      expect(announced).toEqual([{ tags: ['Brand:3'] }]);
    } finally {
      await stop();
      client.disconnect();
      await redis.stop();
    }
  }, 20_000);
});

(ownServer ? describe : describe.skip)('redisInvalidationBus when Redis stops or stalls', () => {
  let redis: TestRedisServer;
  const clients: Redis[] = [];
  const stops: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
    for (const client of clients.splice(0)) client.disconnect();
    await redis.stop();
  });

  async function instance(ackTimeoutMs = 250) {
    const client = createRedisClient({ url: redis.url }) as Redis;
    clients.push(client);
    await whenReady(client);
    const applied: PurgeRequest[] = [];
    const reapplied: PurgeRequest[] = [];
    const lost: number[] = [];
    const bus = redisInvalidationBus(client, pino({ level: 'silent' }), {
      ackTimeoutMs,
      reapply: async (request) => reapplied.push(request),
    });
    bus.onLost?.(() => lost.push(Date.now()));
    stops.push(await bus.subscribe(async (request) => applied.push(request)));
    return { bus, client, applied, reapplied, lost };
  }

  async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await sleep(10);
    }
  }

  it('stops hearing when Redis goes away, and announces a purge it could not tell once Redis is back', async () => {
    const origin = await instance();
    const other = await instance();
    await until(() => other.bus.hearsAll!() && origin.bus.hearsAll!(), 'both hear purges');

    await redis.stop();
    await until(() => other.lost.length > 0, 'the other instance lost its subscription');
    expect(other.bus.hearsAll!()).toBe(false);
    const started = Date.now();
    await origin.bus.publish({ tags: ['Product:9'] });
    await origin.bus.publish({ tags: ['Product:10', 'Product:9'] });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(other.applied).toEqual([]);

    await redis.start();
    await until(() => other.applied.length > 0, 'the purge is announced again');
    expect(other.applied).toEqual([{ tags: ['Product:9', 'Product:10'] }]);
    expect(origin.reapplied).toEqual([{ tags: ['Product:9', 'Product:10'] }]);
    await until(() => other.bus.hearsAll!(), 'the other instance hears purges again');
  }, 30_000);

  it('stops trusting a subscription that stops answering, without losing it, and bounds a publish meanwhile', async () => {
    const origin = await instance(150);
    const other = await instance(150);
    await until(() => other.bus.hearsAll!(), 'the other instance hears purges');
    const pauser = new Redis(redis.url);
    clients.push(pauser);
    await pauser.client('PAUSE', '2000', 'ALL');
    const pausedAt = Date.now();
    await origin.bus.publish({ tags: ['Product:11'] });
    const publishedWithin = Date.now() - pausedAt;
    await until(() => !other.bus.hearsAll!(), 'the other instance no longer trusts its subscription');
    const distrustedWithin = Date.now() - pausedAt;
    // Bounds of 150 ms, with a margin for the shared machine; both well inside the 2 s pause.
    expect(publishedWithin).toBeLessThan(1_500);
    expect(distrustedWithin).toBeLessThan(1_500);
    await until(() => other.bus.hearsAll!(), 'the pause is over');
    await until(() => other.applied.length > 0, 'the purge arrives');
    expect(other.applied[0]).toEqual({ tags: ['Product:11'] });
    expect(other.lost).toEqual([]);
  }, 30_000);
});
