import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientOperation } from '../../../registry/check/SchemaCheck.js';
import { SourceAnswerError } from '../conditionalRead.js';
import { registrySources } from '../registrySources.js';

const TOKEN = 'gateway-read-token-0123456789abcdef';

/** A stand-in registry: the two reads a gateway makes, with ETags and a bearer check; `answer` overrides both. */
function fakeRegistry() {
  const state = {
    sdl: 'supergraph v1',
    operations: [] as ClientOperation[],
    answer: undefined as { status: number; body: string } | undefined,
    seen: [] as { url: string; headers: IncomingHttpHeaders }[],
  };
  const server = createServer((req, res) => {
    state.seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'a read token is needed' } }));
      return;
    }
    if (state.answer) {
      res.writeHead(state.answer.status, { 'content-type': 'application/json' }).end(state.answer.body);
      return;
    }
    const body =
      req.url === '/registry/supergraph.graphql'
        ? state.sdl
        : JSON.stringify({ operations: state.operations });
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
    else res.writeHead(200, { etag }).end(body);
  });
  return { state, server };
}

const pageOperation = (client: string): ClientOperation => ({
  client,
  source: 'schema/operations',
  name: 'Departments',
  body: 'query Departments { departments { id } }',
});

describe('registrySources', () => {
  let registry: ReturnType<typeof fakeRegistry>;
  let base: string;

  beforeEach(async () => {
    registry = fakeRegistry();
    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(registry.server.address() as AddressInfo).port}/registry`;
  });
  afterEach(async () => {
    if (!registry.server.listening) return;
    registry.server.closeAllConnections();
    await new Promise((resolve) => registry.server.close(resolve));
  });

  it('reads the operations with the bearer token, then costs a 304 until they change', async () => {
    registry.state.operations = [pageOperation('storefront'), pageOperation('partner-app')];
    const { operations } = registrySources(base, { token: TOKEN });
    expect(operations.description).toBe(`${base}/operations`);

    const first = await operations.read();
    // One operation that two clients run: planned once, both named in messages.
    expect(first?.map(({ name, clients, source, sole }) => ({ name, clients, source, sole }))).toEqual([
      {
        name: 'Departments',
        clients: ['storefront', 'partner-app'],
        source: 'schema/operations',
        sole: true,
      },
    ]);
    expect(await operations.read()).toBeUndefined();
    const [firstRead, secondRead] = registry.state.seen;
    expect(firstRead).toMatchObject({
      url: '/registry/operations',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(firstRead!.headers['if-none-match']).toBeUndefined();
    expect(secondRead!.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);

    registry.state.operations = [{ ...pageOperation('storefront'), variables: { first: 3 } }];
    expect((await operations.read())?.map(({ clients, variables }) => ({ clients, variables }))).toEqual([
      { clients: ['storefront'], variables: { first: 3 } },
    ]);
  });

  it('reads the supergraph with the bearer token and If-None-Match', async () => {
    const { supergraph } = registrySources(`${base}/`, { token: TOKEN });
    expect(await supergraph.read()).toBe('supergraph v1');
    expect(await supergraph.read()).toBeUndefined();
    registry.state.sdl = 'supergraph v2';
    expect(await supergraph.read()).toBe('supergraph v2');
    expect(registry.state.seen.map(({ url }) => url)).toEqual(Array(3).fill('/registry/supergraph.graphql'));
  });

  it('throws when the registry is unreachable, and names the code of a refusal, never the token', async () => {
    const { supergraph, operations } = registrySources(base, { token: 'wrong-token-not-in-messages' });
    const refused = await supergraph.read().catch((error: unknown) => error as SourceAnswerError);
    expect(refused).toBeInstanceOf(SourceAnswerError);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect((refused as Error).message).toBe(
      `${base}/supergraph.graphql answered HTTP 401 UNAUTHORIZED: a read token is needed`,
    );
    expect((refused as Error).message).not.toContain('wrong-token');

    registry.server.closeAllConnections();
    await new Promise((resolve) => registry.server.close(resolve));
    await expect(operations.read()).rejects.toThrow('fetch failed');
  });

  it('says to publish first while the registry has nothing published', async () => {
    registry.state.answer = {
      status: 404,
      body: JSON.stringify({ error: { code: 'NOTHING_PUBLISHED', message: 'nothing is published yet' } }),
    };
    const { supergraph } = registrySources(base, { token: TOKEN });
    await expect(supergraph.read()).rejects.toThrow(
      `${base}/supergraph.graphql: the schema registry has nothing published yet (HTTP 404 NOTHING_PUBLISHED); ` +
        'publish the graph first: npm run schema -- publish --all',
    );
  });

  it('refuses an operations answer that is not a list of operations, naming the entry', async () => {
    const { operations } = registrySources(base, { token: TOKEN });
    registry.state.answer = { status: 200, body: JSON.stringify({ operations: [{ client: 'storefront' }] }) };
    await expect(operations.read()).rejects.toThrow(
      `${base}/operations: operations[0] needs a string client, source and body`,
    );
    registry.state.answer = { status: 200, body: '{"versions":[]}' };
    await expect(operations.read()).rejects.toThrow(`${base}/operations: no "operations" array`);
    registry.state.answer = {
      status: 200,
      body: JSON.stringify({ operations: [{ ...pageOperation('storefront'), body: 'query Broken {' }] }),
    };
    await expect(operations.read()).rejects.toThrow(
      'schema/operations: not a GraphQL document (Syntax Error',
    );
  });
});
