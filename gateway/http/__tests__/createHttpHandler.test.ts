import { ApolloServer } from '@apollo/server';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { GatewayContext } from '../../GatewayContext.js';
import { RequestCacheState } from '../../cache/RequestCacheState.js';
import { InvalidTokenError } from '../../errors.js';
import { readiness } from '../../health/readiness.js';
import { createHttpHandler } from '../createHttpHandler.js';

describe('createHttpHandler', () => {
  let apollo: ApolloServer<GatewayContext>;
  let server: Server;
  let base: string;
  let allowed: boolean;
  const admitted: { path: string | undefined; context: string }[] = [];
  const routed: string[] = [];
  /** Per `/graphql` request observed: its status and request id once answered, and the address it came from. */
  const observed: { status: number; requestId: unknown }[] = [];
  const addresses: string[] = [];

  beforeAll(async () => {
    apollo = new ApolloServer<GatewayContext>({
      typeDefs: 'type Query { a: Int }',
      resolvers: { Query: { a: () => 1 } },
    });
    await apollo.start();
    const handler = createHttpHandler({
      apollo,
      logger: pino({ level: 'silent' }),
      maxBodyBytes: 64,
      readiness: readiness({ isReady: () => true }),
      routes: { '/admin/cache/stats': async (_req, res) => void (routed.push('stats'), res.end('{}')) },
      probes: { '/metrics': async (_req, res) => void (routed.push('metrics'), res.end('up 1\n')) },
      clientAddress: (req) => `client-of-${req.headers['x-test-peer'] ?? 'none'}`,
      observe: (_req, res) =>
        void res.once('finish', () =>
          observed.push({ status: res.statusCode, requestId: res.getHeader('x-request-id') }),
        ),
      context: async (req: IncomingMessage, edge) => {
        if (req.headers.authorization) throw new InvalidTokenError();
        addresses.push(edge.clientAddress);
        return {
          caller: { key: 'ip:x', clientClass: 'anonymous' },
          client: null,
          request: { locale: 'en-US', market: 'US', currency: 'USD', segment: null, viewer: null },
          cache: new RequestCacheState(),
        };
      },
      admit: async (req, context) => {
        admitted.push({ path: req.url, context: context ? context.caller.key : 'none' });
        return allowed ? { allowed: true, remaining: 1 } : { allowed: false, retryAfterSeconds: 9 };
      },
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await apollo.stop();
  });
  beforeEach(() => {
    admitted.splice(0);
    routed.splice(0);
    observed.splice(0);
    addresses.splice(0);
  });

  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, init);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      text: await response.text(),
      requestId: response.headers.get('x-request-id'),
    };
  };
  const postJson = (body: string, headers: Record<string, string> = {}) =>
    send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('counts malformed and oversized bodies, operator routes and unknown paths before answering them', async () => {
    allowed = true;
    expect((await postJson('{"query": ')).status).toBe(400);
    expect((await postJson(`{"query": "${'x'.repeat(100)}"}`)).status).toBe(413);
    expect((await send('/admin/cache/stats')).status).toBe(200);
    expect((await send('/elsewhere')).status).toBe(404);
    expect(admitted.map((entry) => entry.path)).toEqual([
      '/graphql',
      '/graphql',
      '/admin/cache/stats',
      '/elsewhere',
    ]);

    allowed = false;
    for (const answer of [
      await postJson('{"query": '),
      await postJson(`{"query": "${'x'.repeat(100)}"}`),
      await send('/admin/cache/stats'),
      await send('/elsewhere'),
      await postJson('{"query": "{ a }"}'),
    ]) {
      expect(answer).toEqual({
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 429,
        retryAfter: '9',
        text: JSON.stringify({
          errors: [{ message: 'Too many requests; retry in 9 s.', extensions: { code: 'RATE_LIMITED' } }],
        }),
      });
    }
    expect(routed).toEqual(['stats']);
  });

  it('never counts health checks or probes, and answers them while the caller is refused', async () => {
    allowed = false;
    expect((await send('/health/live')).status).toBe(200);
    expect((await send('/health/ready')).status).toBe(200);
    expect(await send('/metrics')).toMatchObject({ status: 200, retryAfter: null, text: 'up 1\n' });
    expect(admitted).toEqual([]);
    expect(routed).toEqual(['metrics']);
    expect((await postJson('{"query": "{ a }"}')).status).toBe(429);
    expect(admitted.map((entry) => entry.path)).toEqual(['/graphql']);
  });

  it('counts a request whose context fails against no context, then answers its error', async () => {
    allowed = true;
    const answer = await postJson('{"query": "{ a }"}', { authorization: 'Bearer nope' });
    expect(answer.status).toBe(401);
    expect(admitted).toEqual([{ path: '/graphql', context: 'none' }]);
    expect((await postJson('{"query": "{ a }"}')).text).toBe('{"data":{"a":1}}\n');
    expect(admitted[1]).toEqual({ path: '/graphql', context: 'ip:x' });
  });

  it('answers and logs a refused body and a failed context with a request id', async () => {
    allowed = true;
    const malformed = await postJson('{"query": ', { 'x-request-id': 'client-chosen-1' });
    const unauthenticated = await postJson('{"query": "{ a }"}', { authorization: 'Bearer nope' });
    const ok = await postJson('{"query": "{ a }"}');
    expect(malformed.requestId).toBe('client-chosen-1');
    expect(unauthenticated.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect([malformed.status, unauthenticated.status, ok.status]).toEqual([400, 401, 200]);
    expect(ok.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set([unauthenticated.requestId, ok.requestId]).size).toBe(2);
    expect(observed).toEqual([
      { status: 400, requestId: 'client-chosen-1' },
      { status: 401, requestId: unauthenticated.requestId },
      { status: 200, requestId: ok.requestId },
    ]);
  });

  it('answers a fresh id in place of one that is not sane', async () => {
    allowed = true;
    const answer = await postJson('{"query": "{ a }"}', { 'x-request-id': 'a b\u00e9' });
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands the context the client address, computed once', async () => {
    allowed = true;
    await postJson('{"query": "{ a }"}', { 'x-test-peer': 'p1' });
    expect(addresses).toEqual(['client-of-p1']);
  });
});
