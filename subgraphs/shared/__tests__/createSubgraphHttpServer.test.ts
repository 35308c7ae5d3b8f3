import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ErrorCode } from '../../../contracts/errors.js';
import { createSubgraphHttpServer } from '../createSubgraphHttpServer.js';
import { logUnexpectedErrors, type IdentifiedContext } from '../logUnexpectedErrors.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createSubgraphHttpServer request ids', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  /** What the next context build does: succeed, or throw an unexpected or a coded error. */
  let contextFails: 'no' | 'unexpected' | 'coded' = 'no';
  let apollo: ApolloServer<IdentifiedContext>;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    apollo = new ApolloServer<IdentifiedContext>({
      typeDefs: 'type Query { ok: String, boom: String }',
      resolvers: {
        Query: {
          ok: (_root: unknown, _args: unknown, { requestId }: IdentifiedContext) => requestId,
          boom: () => {
            throw new Error('connection to db-7.internal refused');
          },
        },
      },
      plugins: [logUnexpectedErrors(logger)],
    });
    await apollo.start();
    server = createSubgraphHttpServer({
      apollo,
      logger,
      readiness: async () => ({ ready: true }),
      routes: {
        '/broken': () => {
          throw new Error('route failed');
        },
      },
      async context(_req, requestId) {
        if (contextFails === 'unexpected') throw new Error('loader setup failed');
        if (contextFails === 'coded')
          throw new GraphQLError('bad market', { extensions: { code: ErrorCode.BadUserInput } });
        return { requestId };
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
  });
  beforeEach(() => {
    lines.splice(0);
    contextFails = 'no';
  });

  async function post(query: string, requestId?: string, path = '/graphql') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (requestId !== undefined) headers['x-request-id'] = requestId;
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query }),
    });
    return {
      id: response.headers.get('x-request-id'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  it("gives the resolvers the gateway's request id and answers it", async () => {
    const answer = await post('{ ok }', 'gw-req.7_a');
    expect(answer).toEqual({ id: 'gw-req.7_a', body: { data: { ok: 'gw-req.7_a' } } });
  });

  it('makes a fresh id for a request with none or a malformed one, a new one each time', async () => {
    const none = await post('{ ok }');
    const malformed = await post('{ ok }', 'x'.repeat(65));
    const unsafe = await post('{ ok }', 'a b;c');
    for (const answer of [none, malformed, unsafe]) {
      expect(answer.id).toMatch(uuid);
      expect(answer.body).toEqual({ data: { ok: answer.id } });
    }
    expect(new Set([none.id, malformed.id, unsafe.id]).size).toBe(3);
  });

  it('logs a resolver failure once, in full, under the request id', async () => {
    await post('{ boom }', 'gw-boom-1');
    const failures = lines.filter((line) => line['msg'] === 'resolver failed');
    expect(failures).toEqual([
      expect.objectContaining({
        requestId: 'gw-boom-1',
        path: ['boom'],
        err: expect.objectContaining({ message: 'connection to db-7.internal refused' }),
      }),
    ]);
  });

  it('logs a failing route and an unexpected context failure under the request id, not a coded one', async () => {
    await fetch(`${url}/broken`, { headers: { 'x-request-id': 'gw-route-1' } });
    contextFails = 'unexpected';
    const unexpected = await post('{ ok }', 'gw-context-1');
    expect(unexpected.id).toBe('gw-context-1');
    contextFails = 'coded';
    await post('{ ok }', 'gw-context-2');
    expect(lines.map(({ msg, requestId }) => ({ msg, requestId }))).toEqual([
      { msg: 'subgraph request failed', requestId: 'gw-route-1' },
      { msg: 'subgraph context failed', requestId: 'gw-context-1' },
    ]);
  });
});
