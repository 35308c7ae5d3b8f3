import { Cluster, Redis } from 'ioredis';
import { createRedisClient } from '../createRedisClient.js';
import { testRedisUrl, whenReady } from './support/testRedis.js';

const url = testRedisUrl();

describe('createRedisClient', () => {
  it('needs exactly one of url and clusterNodes', () => {
    expect(() => createRedisClient({})).toThrow('createRedisClient needs url or clusterNodes; got neither');
    expect(() => createRedisClient({ url: 'redis://127.0.0.1:1', clusterNodes: ['127.0.0.1:2'] })).toThrow(
      'createRedisClient takes url or clusterNodes, not both',
    );
  });

  it('makes a Cluster client for clusterNodes, with the fail-fast options', () => {
    const client = createRedisClient({ clusterNodes: ['127.0.0.1:1'] });
    try {
      expect(client).toBeInstanceOf(Cluster);
      expect((client as Cluster).options).toMatchObject({
        enableAutoPipelining: true,
        enableOfflineQueue: false,
      });
    } finally {
      client.disconnect();
    }
  });

  (url ? it : it.skip)('makes a standalone client for url that fails fast rather than queueing', async () => {
    const client = createRedisClient({ url: url ?? '' });
    expect(client).toBeInstanceOf(Redis);
    expect((client as Redis).options).toMatchObject({
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    });
    expect((client as Redis).options.retryStrategy?.(1000)).toBe(2000);
    await whenReady(client);
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });
});
