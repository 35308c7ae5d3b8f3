import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createRedisClient } from '../../cache/createRedisClient.js';
import { StallBreaker } from '../../cache/StallBreaker.js';
import { randomPrefix, testRedisUrl, whenReady } from '../../cache/__tests__/support/testRedis.js';
import { clientKeyFor, createRateLimiter, loadRateLimitConfig, type RateLimiter } from '../rateLimiter.js';

const classes = {
  anonymous: { points: 3, durationSeconds: 60 },
  customer: { points: 5, durationSeconds: 60 },
};

async function consumeTimes(limiter: RateLimiter, times: number, key: string, clientClass: string) {
  const decisions = [];
  for (let i = 0; i < times; i += 1) decisions.push(await limiter.consume(key, clientClass));
  return decisions;
}

const allowedThenRefused = [
  { allowed: true, remaining: 2 },
  { allowed: true, remaining: 1 },
  { allowed: true, remaining: 0 },
  { allowed: false, retryAfterSeconds: expect.any(Number) },
];

describe('createRateLimiter in memory', () => {
  it('allows the class limit per window, then refuses with the seconds until the window ends', async () => {
    const limiter = createRateLimiter({ classes });
    const decisions = await consumeTimes(limiter, 4, 'ip:203.0.113.9', 'anonymous');
    expect(decisions).toEqual(allowedThenRefused);
    const refused = decisions[3] as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts each client and each class separately', async () => {
    const limiter = createRateLimiter({ classes });
    await consumeTimes(limiter, 4, 'ip:203.0.113.9', 'anonymous');
    expect(await limiter.consume('ip:203.0.113.10', 'anonymous')).toEqual({ allowed: true, remaining: 2 });
    const customer = await consumeTimes(limiter, 6, 'ip:203.0.113.9', 'customer');
    expect(customer.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
  });

  it('starts a new window once the old one has passed', async () => {
    const limiter = createRateLimiter({ classes: { anonymous: { points: 1, durationSeconds: 1 } } });
    expect((await limiter.consume('ip:a', 'anonymous')).allowed).toBe(true);
    expect(await limiter.consume('ip:a', 'anonymous')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.consume('ip:a', 'anonymous')).toEqual({ allowed: true, remaining: 0 });
  });

  it('counts several points at once, as a byte budget does', async () => {
    const limiter = createRateLimiter({ classes: { bytes: { points: 1_000, durationSeconds: 60 } } });
    expect(await limiter.consume('ip:a', 'bytes', 600)).toEqual({ allowed: true, remaining: 400 });
    expect((await limiter.consume('ip:a', 'bytes', 600)).allowed).toBe(false);
    expect(await limiter.consume('ip:b', 'bytes', 1_000)).toEqual({ allowed: true, remaining: 0 });
  });

  it('rejects an unknown class and a class without whole positive limits', async () => {
    await expect(createRateLimiter({ classes }).consume('k', 'robot')).rejects.toThrow(
      'unknown rate limit class "robot"',
    );
    expect(() => createRateLimiter({ classes: { anonymous: { points: 0, durationSeconds: 60 } } })).toThrow(
      'rate limit class anonymous needs whole points and durationSeconds of at least 1',
    );
  });
});

const redisUrl = testRedisUrl();
(redisUrl ? describe : describe.skip)('createRateLimiter on REDIS_URL', () => {
  let redis: Redis;
  const keyPrefix = `${randomPrefix()}rl:`;
  beforeAll(async () => {
    redis = createRedisClient({ url: redisUrl! }) as Redis;
    await whenReady(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('shares counts between gateway instances, per client and class', async () => {
    const first = createRateLimiter({ classes, redis, keyPrefix });
    const second = createRateLimiter({ classes, redis, keyPrefix });
    const decisions = [
      ...(await consumeTimes(first, 2, 'ip:203.0.113.9', 'anonymous')),
      ...(await consumeTimes(second, 2, 'ip:203.0.113.9', 'anonymous')),
    ];
    expect(decisions).toEqual(allowedThenRefused);
    const refused = decisions[3] as { retryAfterSeconds: number };
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await second.consume('ip:203.0.113.10', 'anonymous')).toEqual({ allowed: true, remaining: 2 });
    expect(await second.consume('ip:203.0.113.9', 'customer')).toEqual({ allowed: true, remaining: 4 });
  });

  it('stores only hashes of client keys', async () => {
    const prefix = `${keyPrefix}hashed:`;
    const limiter = createRateLimiter({ classes, redis, keyPrefix: prefix });
    await limiter.consume('user:customer-42', 'customer');
    const hash = createHash('sha256').update('user:customer-42').digest('base64url');
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}customer:${hash}`]);
    expect(await redis.get(`${prefix}customer:${hash}`)).toBe('1');
    const secret = createRateLimiter({ classes, redis, keyPrefix: prefix, hashSecret: 's3cret' });
    await secret.consume('user:customer-42', 'customer');
    await secret.consume('user:customer-42', 'customer'); // the remembered hash: the same bucket
    expect(await redis.get(`${prefix}customer:${hash}`)).toBe('1');
    const keyed = createHmac('sha256', 's3cret').update('user:customer-42').digest('base64url');
    expect(await redis.get(`${prefix}customer:${keyed}`)).toBe('2');
    expect(await redis.keys(`${prefix}*`)).toHaveLength(2);
  });
});

describe('createRateLimiter when Redis fails', () => {
  const sockets: Socket[] = [];
  let silent: Server;
  const clients: Redis[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a Redis that hangs.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('counts in this process, without waiting out the timeout, when Redis is down', async () => {
    const redis = createRedisClient({ url: `redis://127.0.0.1:${await closedPort()}` }) as Redis;
    clients.push(redis);
    // A timeout far beyond anything a busy machine adds: four calls that waited for it would take 40 s.
    const timeoutMs = 10_000;
    const limiter = createRateLimiter({ classes, redis, timeoutMs });
    const started = performance.now();
    expect(await consumeTimes(limiter, 4, 'ip:203.0.113.9', 'anonymous')).toEqual(allowedThenRefused);
    expect(performance.now() - started).toBeLessThan(timeoutMs);
  });

  it('counts in this process after the timeout when Redis accepts commands and never answers', async () => {
    const { port } = silent.address() as AddressInfo;
    // No ready check and no CLIENT SETINFO, which would wait for answers: the client is ready on connect.
    const redis = new Redis({ host: '127.0.0.1', port, enableReadyCheck: false, disableClientInfo: true });
    clients.push(redis);
    await whenReady(redis);
    const limiter = createRateLimiter({ classes, redis, timeoutMs: 50 });
    const started = performance.now();
    expect(await limiter.consume('ip:203.0.113.9', 'anonymous')).toEqual({ allowed: true, remaining: 2 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('leaves opening the shared stall breaker to the cache, and counts in this process while it is open', async () => {
    const { port } = silent.address() as AddressInfo;
    const redis = new Redis({ host: '127.0.0.1', port, enableReadyCheck: false, disableClientInfo: true });
    clients.push(redis);
    await whenReady(redis);
    const breaker = new StallBreaker({ probeIntervalMs: 60_000 });
    const limiter = createRateLimiter({ classes, redis, timeoutMs: 50, breaker });
    const sent: string[] = [];
    const sendCommand = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, stream) => {
      sent.push(command.name);
      return sendCommand(command, stream);
    };
    expect(await limiter.consume('ip:203.0.113.9', 'anonymous')).toEqual({ allowed: true, remaining: 2 });
    const askedRedis = sent.length;
    expect(askedRedis).toBeGreaterThan(0);
    // A slow answer here may be this process's own lag: the breaker stays closed.
    expect(breaker.allows()).toBe(true);
    // The cache found the stall: the limiter no longer asks Redis.
    breaker.timedOut();
    expect(await limiter.consume('ip:203.0.113.9', 'anonymous')).toEqual({ allowed: true, remaining: 1 });
    expect(sent).toHaveLength(askedRedis);
  });
});

describe('clientKeyFor', () => {
  const ip = '203.0.113.9';
  const secret = { client: 'acme', keyKind: 'secret' } as const;
  const publicKey = { client: 'shop-app', keyKind: 'public' } as const;

  it('counts a secret API key as one caller, whoever signs in behind it', () => {
    const partner = { key: 'key:acme', clientClass: 'partner' };
    expect(clientKeyFor({ apiKey: secret, customerId: 'c1', ip })).toEqual(partner);
    expect(clientKeyFor({ apiKey: secret, customerId: 'c2', ip: '198.51.100.7' })).toEqual(partner);
  });

  it('counts a public API key as no key: its customer, else its address, has one budget with or without it', () => {
    expect(clientKeyFor({ apiKey: publicKey, customerId: 'c1', ip })).toEqual(
      clientKeyFor({ customerId: 'c1', ip }),
    );
    expect(clientKeyFor({ apiKey: publicKey, customerId: 'c2', ip }).key).toBe('user:c2');
    expect(clientKeyFor({ apiKey: publicKey, ip })).toEqual({
      key: 'ip:203.0.113.9',
      clientClass: 'anonymous',
    });
    expect(clientKeyFor({ apiKey: publicKey, ip: '198.51.100.7' }).key).toBe('ip:198.51.100.7');
  });

  it('counts a caller without a key as the signed-in customer, else the IP address', () => {
    expect(clientKeyFor({ customerId: 'c1', ip })).toEqual({ key: 'user:c1', clientClass: 'customer' });
    expect(clientKeyFor({ ip })).toEqual({ key: 'ip:203.0.113.9', clientClass: 'anonymous' });
  });

  it('counts an IPv4-mapped address as IPv4, and an IPv6 address by its /64', () => {
    expect(clientKeyFor({ ip: '::ffff:203.0.113.9' }).key).toBe('ip:203.0.113.9');
    expect(clientKeyFor({ ip: '2001:db8:abcd:12:1::5' }).key).toBe('ip:2001:db8:abcd:12::/64');
    expect(clientKeyFor({ ip: '2001:0db8:abcd:0012:ffff:1:2:3' }).key).toBe('ip:2001:db8:abcd:12::/64');
    expect(clientKeyFor({ ip: '2001:db8::1' }).key).toBe('ip:2001:db8:0:0::/64');
    expect(clientKeyFor({ ip: 'fe80::1%eth0' }).key).toBe('ip:fe80:0:0:0::/64');
  });
});

describe('loadRateLimitConfig', () => {
  it('uses the documented defaults: per minute, 600 anonymous, 1,200 customer, 6,000 partner', () => {
    expect(loadRateLimitConfig({})).toEqual({
      enabled: true,
      classes: {
        anonymous: { points: 600, durationSeconds: 60 },
        customer: { points: 1_200, durationSeconds: 60 },
        partner: { points: 6_000, durationSeconds: 60 },
      },
    });
  });

  it('reads each variable, and names a bad one', () => {
    const config = loadRateLimitConfig({
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_ANONYMOUS: '60',
      RATE_LIMIT_CUSTOMER: '120',
      RATE_LIMIT_PARTNER: '1000',
    });
    expect(config.enabled).toBe(false);
    expect(Object.values(config.classes).map((c) => c.points)).toEqual([60, 120, 1_000]);
    expect(() => loadRateLimitConfig({ RATE_LIMIT_ENABLED: 'yes' })).toThrow(
      'RATE_LIMIT_ENABLED is "yes"; use one of true, false',
    );
    expect(() => loadRateLimitConfig({ RATE_LIMIT_CUSTOMER: '-1' })).toThrow(/RATE_LIMIT_CUSTOMER is "-1"/);
  });
});
