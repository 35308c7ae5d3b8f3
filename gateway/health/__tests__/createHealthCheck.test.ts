import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createHealthCheck } from '../createHealthCheck.js';

/** A stand-in subgraph whose `/health/ready` answers `status`, or never answers when `status` is 0. */
async function fakeSubgraph(status: number): Promise<{ url: string; probes: () => number; server: Server }> {
  let probes = 0;
  const server = createServer((req, res) => {
    if (req.url === '/health/ready') probes++;
    if (status === 0) return;
    res.statusCode = req.url === '/health/ready' ? status : 404;
    res.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, probes: () => probes, server };
}

describe('createHealthCheck', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.closeAllConnections();
    return Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('reports each subgraph as up, unavailable or unreachable, and a hanging one within the probe timeout', async () => {
    const [up, notReady, hanging, gone] = await Promise.all([200, 503, 0, 200].map(fakeSubgraph));
    servers.push(up!.server, notReady!.server, hanging!.server);
    await new Promise((resolve) => gone!.server.close(resolve));
    const check = createHealthCheck({
      subgraphs: () => ({
        catalog: up!.url,
        pricing: notReady!.url,
        content: hanging!.url,
        inventory: gone!.url,
      }),
      probeTimeoutMs: 200,
    });
    expect(await check()).toEqual({
      degraded: true,
      subgraphs: {
        catalog: { status: 'up' },
        pricing: { status: 'unavailable', httpStatus: 503 },
        content: { status: 'unreachable' },
        inventory: { status: 'unreachable' },
      },
      redis: { status: 'not configured' },
    });
  });

  it('probes at most once per cache window, however often it is asked', async () => {
    const subgraph = await fakeSubgraph(200);
    servers.push(subgraph.server);
    let now = 1_000;
    const check = createHealthCheck({
      subgraphs: () => ({ catalog: subgraph.url }),
      cacheMs: 5_000,
      now: () => now,
    });
    await Promise.all([check(), check(), check()]);
    now += 4_999;
    expect(await check()).toMatchObject({ degraded: false, subgraphs: { catalog: { status: 'up' } } });
    expect(subgraph.probes()).toBe(1);
    now += 1;
    await check();
    expect(subgraph.probes()).toBe(2);
  });

  it('reports Redis connected while its client is ready, and down (degraded) once it is not', async () => {
    const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    try {
      await redis.connect();
    } catch (error) {
      if (process.env['CI'] === 'true') throw error;
      return;
    }
    const check = createHealthCheck({ subgraphs: () => ({}), redis });
    expect(await check()).toEqual({ degraded: false, subgraphs: {}, redis: { status: 'connected' } });
    const ended = once(redis, 'end');
    redis.disconnect();
    await ended;
    expect(await check()).toEqual({ degraded: true, subgraphs: {}, redis: { status: 'down' } });
  });
});
