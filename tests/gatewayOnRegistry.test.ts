import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientOperation } from '../registry/check/SchemaCheck.js';
import { schemaVersionOf } from '../gateway/schema/schemaVersion.js';
import { startBookshelf, type Bookshelf } from './support/bookshelf.js';
import { startGatewayAlone, type GatewayAlone, type LogLine } from './support/gatewayAlone.js';
import { sample, scrape } from './support/prometheus.js';

const TOKEN = 'gateway-read-token-for-tests-0123456789';

/**
 * A stand-in for the schema registry's reads (not the registry service): the current supergraph and the
 * operations that fit it (and an empty list of clients), each with an ETag, 304 on `If-None-Match`, 401 without
 * the read token and 404 `NOTHING_PUBLISHED` before anything is published. Counts each 200 by what it carried.
 */
function fakeRegistry() {
  const state = {
    sdl: undefined as string | undefined,
    operations: [] as ClientOperation[],
    /** 200 answers of `/supergraph.graphql`, by schema version. */
    served: new Map<string, number>(),
    unauthorized: 0,
  };
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      state.unauthorized += 1;
      res.writeHead(401, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'no read token' } }));
    }
    // No clients: what this registry stands in for here is the graph (tests/partnerClients.test.ts has the clients).
    if (req.url === '/clients/keys') return void res.writeHead(200).end('{"clients":[]}');
    if (state.sdl === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { code: 'NOTHING_PUBLISHED', message: 'nothing yet' } }));
    }
    const version = schemaVersionOf(state.sdl);
    const supergraph = req.url === '/supergraph.graphql';
    const body = supergraph ? state.sdl : JSON.stringify({ operations: state.operations });
    const etag = `"${schemaVersionOf(body)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    if (supergraph) state.served.set(version, (state.served.get(version) ?? 0) + 1);
    res.writeHead(200, { etag, 'x-registry-version': '1' }).end(body);
  });
  return { state, server };
}

const operation = (name: string, body: string): ClientOperation => ({
  client: 'bookshelf-web',
  source: `operations/${name}.graphql`,
  name,
  body,
});
const TITLES = operation('Titles', 'query Titles { books { id title } }');
const AUTHORS = operation('Authors', 'query Authors { books { id author } }');

/** Polls `check` until it holds; fails after `attempts` looks. */
async function until(check: () => Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

interface SourceDetail {
  status: string;
  since: string;
  lastReadAt?: string;
  reason?: string;
}

interface ReadinessDetail {
  status: string;
  schemaVersion: string;
  refusedSchemaVersion?: string;
  supergraphSource: SourceDetail;
  operationsSource: SourceDetail;
}

describe('a gateway reading its supergraph and operations from a schema registry', () => {
  let bookshelf: Bookshelf;
  let registry: ReturnType<typeof fakeRegistry>;
  let port: number;
  let gateway: GatewayAlone;
  /** Before the bookshelf's `author` field, then with it. */
  let titlesOnly: string;
  let withAuthors: string;

  const readiness = async () => (await gateway.readiness()) as unknown as ReadinessDetail;
  const serving = (sdl: string) =>
    until(async () => (await readiness()).schemaVersion === schemaVersionOf(sdl), 'the version is served');
  const env = () => ({
    REGISTRY_URL: `http://127.0.0.1:${port}`,
    REGISTRY_TOKEN: TOKEN,
    SUPERGRAPH_POLL_INTERVAL_MS: '50',
  });

  beforeAll(async () => {
    bookshelf = await startBookshelf();
    titlesOnly = bookshelf.supergraph(['author']);
    withAuthors = bookshelf.supergraph();
    registry = fakeRegistry();
    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));
    port = (registry.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await gateway?.stop();
    await stopServer(registry.server);
    await bookshelf?.stop();
  });

  it('refuses to start while the registry has nothing published, saying to publish first', async () => {
    const logged: LogLine[] = [];
    await expect(startGatewayAlone(env(), logged)).rejects.toThrow(
      `http://127.0.0.1:${port}/supergraph.graphql: the schema registry has nothing published yet ` +
        '(HTTP 404 NOTHING_PUBLISHED); publish the graph first: npm run schema -- publish --all',
    );
  });

  it('serves what is published, and swaps within one poll when a new supergraph is published', async () => {
    registry.state.sdl = titlesOnly;
    registry.state.operations = [TITLES];
    gateway = await startGatewayAlone(env());
    expect(await readiness()).toMatchObject({
      status: 'ready',
      schemaVersion: schemaVersionOf(titlesOnly),
      supergraphSource: { status: 'ok' },
      operationsSource: { status: 'ok' },
    });
    expect((await gateway.post(AUTHORS.body)).body.errors).toEqual([
      expect.objectContaining({ message: 'Cannot query field "author" on type "Book".' }),
    ]);

    registry.state.sdl = withAuthors;
    registry.state.operations = [TITLES, AUTHORS];
    await serving(withAuthors);
    // Taken at the first read of the new version: never asked for twice.
    expect(registry.state.served.get(schemaVersionOf(withAuthors))).toBe(1);
    expect((await gateway.post(AUTHORS.body)).body).toEqual({
      data: {
        books: [
          { id: '1', author: 'Ursula K. Le Guin' },
          { id: '2', author: 'Octavia E. Butler' },
        ],
      },
    });
    expect(registry.state.unauthorized).toBe(0);
    expect(gateway.logged.map((line) => JSON.stringify(line)).join('\n')).not.toContain(TOKEN);
  });

  it('serves a version refused for operations the registry had not yet updated, once they are', async () => {
    // Published with approval: the new supergraph breaks Authors, which the registry serves no more. A gateway that
    // reads the supergraph before the operations refuses it, and serves it at the next poll.
    registry.state.sdl = titlesOnly;
    await until(
      async () => (await readiness()).refusedSchemaVersion === schemaVersionOf(titlesOnly),
      'the version is refused',
    );
    expect((await readiness()).schemaVersion).toBe(schemaVersionOf(withAuthors));
    registry.state.operations = [TITLES];
    await serving(titlesOnly);
    expect((await readiness()).refusedSchemaVersion).toBeUndefined();
  });

  it('keeps serving while the registry is down and says so in readiness and metrics, then that it is back', async () => {
    const before = await scrape(gateway.metricsUrl);
    expect(sample(before, 'gateway_supergraph_source_up')).toBe(1);
    expect(sample(before, 'gateway_operations_source_up')).toBe(1);
    const lastSuccess = sample(before, 'gateway_supergraph_source_last_success_timestamp_seconds');
    expect(lastSuccess).toBeGreaterThan(1_700_000_000);

    await stopServer(registry.server);
    await until(async () => {
      const { supergraphSource, operationsSource } = await readiness();
      return supergraphSource.status === 'unreachable' && operationsSource.status === 'unreachable';
    }, 'both sources are unreachable');
    const down = await fetch(new URL('/health/ready', gateway.url));
    expect(down.status).toBe(200);
    const detail = (await down.json()) as ReadinessDetail;
    expect(detail).toMatchObject({
      status: 'degraded',
      schemaVersion: schemaVersionOf(titlesOnly),
      // Refused, or a kept-alive socket the registry closed as it stopped (Node 24's fetch says so first).
      supergraphSource: {
        status: 'unreachable',
        reason: expect.stringMatching(/^fetch failed \((ECONNREFUSED|UND_ERR_SOCKET|ECONNRESET)\)$/),
      },
    });
    expect(Date.parse(detail.supergraphSource.lastReadAt!)).toBeLessThanOrEqual(
      Date.parse(detail.supergraphSource.since),
    );
    const answer = await gateway.post(TITLES.body);
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    const whileDown = await scrape(gateway.metricsUrl);
    expect(sample(whileDown, 'gateway_supergraph_source_up')).toBe(0);
    expect(sample(whileDown, 'gateway_operations_source_up')).toBe(0);
    expect(sample(whileDown, 'gateway_schema_reloads_total', { outcome: 'unreadable' })).toBeGreaterThan(0);
    // Logged once as it went down, not at every poll.
    expect(gateway.logged.filter((line) => line.msg.startsWith('supergraph source unreadable'))).toHaveLength(
      1,
    );

    await new Promise<void>((resolve) => registry.server.listen(port, '127.0.0.1', resolve));
    await until(async () => (await readiness()).supergraphSource.status === 'ok', 'the registry reads again');
    await until(
      async () => (await readiness()).operationsSource.status === 'ok',
      'the operations read again',
    );
    expect((await readiness()).status).toBe('ready');
    const after = await scrape(gateway.metricsUrl);
    expect(sample(after, 'gateway_supergraph_source_up')).toBe(1);
    expect(sample(after, 'gateway_operations_source_up')).toBe(1);
    expect(sample(after, 'gateway_supergraph_source_last_success_timestamp_seconds')).toBeGreaterThan(
      lastSuccess,
    );
  });
});

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
