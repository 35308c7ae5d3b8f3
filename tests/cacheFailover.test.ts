import { hasRedisServer, startRedisServer, type TestRedisServer } from './support/redisServer.js';
import { operation, startStack, type Stack, type TestGateway } from './support/stack.js';

// Needs a redis-server binary to stop and start; CI installs one, so there a missing binary fails the run.
const available = hasRedisServer();
if (!available && process.env['CI'] === 'true') throw new Error('redis-server must be on the PATH under CI');
const describeWithRedis = available ? describe : describe.skip;

describeWithRedis('gateway caching when Redis fails', () => {
  let redis: TestRedisServer;
  let stack: Stack;
  let slug: string;
  let other: string;
  let uncached: TestGateway;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startStack({ REDIS_URL: redis.url, CACHE_TIMEOUT_MS: '200' });
    const [row] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1 OFFSET 2',
    );
    slug = row!.slug;
    const [next] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1 OFFSET 3',
    );
    other = next!.slug;
    uncached = await stack.startGateway({ CACHE_ENABLED: 'false' });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('answers every request with correct data while Redis is down, and hits again once it is back', async () => {
    const query = await operation('CategoryPage');
    const warm = await stack.post(query, { slug });
    expect((await stack.post(query, { slug })).headers.get('x-cache')).toBe('HIT');

    const unseen = await uncached.post(query, { slug: other });

    await redis.stop();
    for (let attempt = 0; attempt < 10; attempt++) {
      // Without Redis this process cannot hear other instances' purges, so what it kept does not answer either:
      // everything is fetched, correctly, without the cache.
      const kept = await stack.post(query, { slug });
      expect([kept.status, kept.headers.get('x-cache')]).toEqual([200, 'MISS']);
      expect(kept.body).toEqual(warm.body);
      const { status, body, headers } = await stack.post(query, { slug: other });
      expect(status).toBe(200);
      expect(body).toEqual(unseen.body);
      expect(headers.get('x-cache')).toBe('MISS');
    }
    expect(stack.metrics.snapshot().store.error).toBeGreaterThan(0);

    // Same port, empty store: the client reconnects on its own, the next answer is stored and then served.
    await redis.start();
    let status: string | null = null;
    for (let attempt = 0; attempt < 60 && status !== 'HIT'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await stack.post(query, { slug: other })).headers.get('x-cache');
    }
    expect(status).toBe('HIT');
  });
});
