import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../contracts/errors.js';
import { IdentitySigner } from '../IdentitySigner.js';
import { SubgraphDataSource } from '../SubgraphDataSource.js';
import { subgraphAgent } from '../subgraphFetcher.js';

/** A subgraph that takes requests and answers as `respond` says; `respond` may never finish. */
async function subgraph(respond: (res: ServerResponse) => void) {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    open.add(res);
    req.resume();
    req.on('end', () => respond(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      for (const res of open) res.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function send(url: string, timeoutMs: number) {
  const agent = subgraphAgent(timeoutMs);
  const source = new SubgraphDataSource({
    name: 'catalog',
    url,
    agent,
    identity: new IdentitySigner('s'.repeat(32)),
  });
  return source
    .process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: '{ __typename }' },
      context: {},
    })
    .finally(() => agent.close());
}

describe('SubgraphDataSource', () => {
  it('gives up on a subgraph that never answers, as SUBGRAPH_UNAVAILABLE without its address', async () => {
    const silent = await subgraph(() => undefined);
    try {
      const failure = await send(silent.url, 300).catch((error: unknown) => error);
      expect(failure).toMatchObject({
        extensions: { code: ErrorCode.SubgraphUnavailable, serviceName: 'catalog' },
      });
      expect(String((failure as Error).message)).not.toContain('127.0.0.1');
    } finally {
      await silent.close();
    }
  });

  it('gives up on an answer whose body stops coming', async () => {
    const stalling = await subgraph((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    try {
      await expect(send(stalling.url, 300)).rejects.toMatchObject({
        extensions: { code: ErrorCode.SubgraphUnavailable },
      });
    } finally {
      await stalling.close();
    }
  });

  it('answers what a prompt subgraph sends', async () => {
    const prompt = await subgraph((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"__typename":"Query"}}');
    });
    try {
      await expect(send(prompt.url, 300)).resolves.toMatchObject({ data: { __typename: 'Query' } });
    } finally {
      await prompt.close();
    }
  });
});
