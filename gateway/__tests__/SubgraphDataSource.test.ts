import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../contracts/errors.js';
import { IdentitySigner } from '../IdentitySigner.js';
import { SubgraphDataSource } from '../SubgraphDataSource.js';
import { subgraphAgent } from '../subgraphFetcher.js';

/**
 * Sends a health check through a data source whose timeouts are `timeoutMs`, to a subgraph that answers as `respond`
 * says (`respond` may never finish), and closes both afterwards.
 */
async function sendTo(respond: (res: ServerResponse) => void, timeoutMs = 300) {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    open.add(res);
    req.resume();
    req.on('end', () => respond(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = subgraphAgent(timeoutMs);
  const source = new SubgraphDataSource({
    name: 'catalog',
    url: `http://127.0.0.1:${port}/graphql`,
    agent,
    identity: new IdentitySigner('s'.repeat(32)),
  });
  try {
    return await source.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query: '{ __typename }' },
      context: {},
    });
  } finally {
    await agent.close();
    for (const res of open) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('SubgraphDataSource', () => {
  it('gives up on a subgraph that never answers, as SUBGRAPH_UNAVAILABLE without its address', async () => {
    const failure = await sendTo(() => undefined).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      extensions: { code: ErrorCode.SubgraphUnavailable, serviceName: 'catalog' },
    });
    expect(String((failure as Error).message)).not.toContain('127.0.0.1');
  });

  it('gives up on an answer whose body stops coming', async () => {
    const stalling = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    };
    await expect(sendTo(stalling)).rejects.toMatchObject({
      extensions: { code: ErrorCode.SubgraphUnavailable },
    });
  });

  it('answers what a prompt subgraph sends', async () => {
    const prompt = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"__typename":"Query"}}');
    };
    await expect(sendTo(prompt)).resolves.toMatchObject({ data: { __typename: 'Query' } });
  });
});
