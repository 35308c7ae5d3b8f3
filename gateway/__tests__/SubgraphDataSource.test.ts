import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../../contracts/errors.js';
import { SubgraphUnavailableError } from '../errors.js';
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

  it('keeps why it gave up as the cause, for logs: a timeout', async () => {
    const failure = await sendTo(() => undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SubgraphUnavailableError);
    expect(failure).toMatchObject({ kind: 'timeout', cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } });
  });

  it('keeps a refused connection as the cause, and says so in its kind', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const agent = subgraphAgent(1_000);
    const source = new SubgraphDataSource({
      name: 'catalog',
      url: `http://127.0.0.1:${port}/graphql`,
      agent,
      identity: new IdentitySigner('s'.repeat(32)),
    });
    const failure = await source
      .process({
        kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
        request: { query: '{ __typename }' },
        context: {},
      })
      .catch((error: unknown) => error)
      .finally(() => agent.close());
    expect(failure).toMatchObject({ kind: 'connection', cause: { code: 'ECONNREFUSED' } });
    expect((failure as Error).message).toBe('The catalog service is unavailable.');
  });

  it('describes an answer that is not GraphQL by its status and type, never by its body', async () => {
    const html = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>customer@example.com</html>');
    };
    const failure = await sendTo(html).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'invalid-response' });
    const cause = (failure as Error).cause as Error;
    expect(cause.message).toContain('HTTP 200, content-type text/html');
    expect(cause.message).not.toContain('customer@example.com');
  });

  it('keeps the status of an HTTP error', async () => {
    const unavailable = (res: ServerResponse) => res.writeHead(503).end('down');
    await expect(sendTo(unavailable)).rejects.toMatchObject({ kind: 'status', status: 503 });
  });

  it('answers what a prompt subgraph sends', async () => {
    const prompt = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"__typename":"Query"}}');
    };
    await expect(sendTo(prompt)).resolves.toMatchObject({ data: { __typename: 'Query' } });
  });
});
