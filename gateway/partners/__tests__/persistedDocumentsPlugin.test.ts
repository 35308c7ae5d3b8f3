import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClientRegistry, type RegisteredClient } from '../ClientRegistry.js';
import { manifestBackedPersistedQueryCache } from '../manifestBackedPersistedQueryCache.js';
import { identifyCaller, type PartnerContext } from '../PartnerContext.js';
import { loadPersistedDocuments } from '../PersistedDocuments.js';
import { persistedDocumentsPlugin } from '../persistedDocumentsPlugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PARTNER: RegisteredClient = { name: 'partner-dev', policy: 'persisted-only', keyKind: 'secret' };
const STOREFRONT: RegisteredClient = { name: 'storefront-dev', policy: 'open', keyKind: 'public' };

const GREETING = 'query Greeting {\n  greeting\n}';
const GREETING_ID = sha256(GREETING);
const SECRET = '{ secret }';
const SECRET_ID = sha256(SECRET);

const typeDefs = 'type Query { greeting: String, secret: String }';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions: { code: string } }[] };
}

describe('persistedDocumentsPlugin', () => {
  let server: ApolloServer<PartnerContext>;
  let apqStore: InMemoryLRUCache<string>;
  let resolved: string[];

  beforeEach(async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'partners-'));
    const manifestPath = path.join(directory, 'manifest.json');
    const operations = [{ id: GREETING_ID, name: 'Greeting', type: 'query', body: GREETING }];
    await writeFile(
      manifestPath,
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }),
    );
    const documents = await loadPersistedDocuments(manifestPath);
    apqStore = new InMemoryLRUCache<string>();
    resolved = [];
    server = new ApolloServer<PartnerContext>({
      typeDefs,
      resolvers: {
        Query: {
          greeting: () => (resolved.push('greeting'), 'hello'),
          secret: () => (resolved.push('secret'), 'internal'),
        },
      },
      persistedQueries: { cache: manifestBackedPersistedQueryCache(documents, apqStore) },
      plugins: [persistedDocumentsPlugin({ documents })],
    });
    await server.start();
  });

  afterEach(() => server.stop());

  async function post(client: RegisteredClient | null, body: Record<string, unknown>): Promise<Answer> {
    return send(server, client, { method: 'POST', search: '', body });
  }

  describe('for a persisted-only client', () => {
    it('runs a manifest operation sent by id alone', async () => {
      const answer = await post(PARTNER, { extensions: persisted(GREETING_ID) });
      expect(answer).toEqual({ status: 200, body: { data: { greeting: 'hello' } } });
    });

    it('runs a manifest operation sent by id in a GET request', async () => {
      const search = `?extensions=${encodeURIComponent(JSON.stringify(persisted(GREETING_ID)))}`;
      const answer = await send(server, PARTNER, { method: 'GET', search, body: undefined });
      expect(answer).toEqual({ status: 200, body: { data: { greeting: 'hello' } } });
    });

    it('refuses a full document with 400 PERSISTED_QUERY_REQUIRED, without running it', async () => {
      const answer = await post(PARTNER, { query: GREETING });
      expect(answer).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message: 'This client may only run registered operations; send the operation id.',
              extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
            },
          ],
        },
      });
      expect(resolved).toEqual([]);
    });

    it('refuses a document sent with its id (APQ registration), even for a manifest operation', async () => {
      const answer = await post(PARTNER, { query: GREETING, extensions: persisted(GREETING_ID) });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    });

    it('cannot register an operation through APQ', async () => {
      const answer = await post(PARTNER, { query: SECRET, extensions: persisted(SECRET_ID) });
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_REQUIRED']);
      expect(await apqStore.get(`apq:${SECRET_ID}`)).toBeUndefined();
      expect(resolved).toEqual([]);
    });

    it('refuses a document without parsing it: invalid syntax still gets PERSISTED_QUERY_REQUIRED', async () => {
      const answer = await post(PARTNER, { query: '{ greeting', operationName: 'Nope', variables: { a: 1 } });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    });

    it('refuses a request with neither document nor id with PERSISTED_QUERY_REQUIRED', async () => {
      const answer = await post(PARTNER, { variables: {} });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_REQUIRED']);
    });

    it('refuses an id that is not in the manifest with 400 PERSISTED_QUERY_NOT_FOUND', async () => {
      const answer = await post(PARTNER, { extensions: persisted('0'.repeat(64)) });
      expect(answer).toEqual({
        status: 400,
        body: {
          errors: [
            {
              message: 'No registered operation has this id; use an id from the persisted-query manifest.',
              extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
            },
          ],
        },
      });
    });

    it('cannot run an operation an open client registered through APQ', async () => {
      const registered = await post(STOREFRONT, { query: SECRET, extensions: persisted(SECRET_ID) });
      expect(registered).toEqual({ status: 200, body: { data: { secret: 'internal' } } });
      expect(await apqStore.get(`apq:${SECRET_ID}`)).toBe(SECRET);

      const answer = await post(PARTNER, { extensions: persisted(SECRET_ID) });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(resolved).toEqual(['secret']);
    });
  });

  describe('for open clients and anonymous callers', () => {
    it('runs full documents', async () => {
      expect(await post(STOREFRONT, { query: SECRET })).toEqual({
        status: 200,
        body: { data: { secret: 'internal' } },
      });
      expect(await post(null, { query: '{ greeting }' })).toEqual({
        status: 200,
        body: { data: { greeting: 'hello' } },
      });
    });

    it('keeps automatic persisted queries: unknown id, then register, then run by id', async () => {
      const miss = await post(STOREFRONT, { extensions: persisted(SECRET_ID) });
      expect(miss.status).toBe(200);
      expect(codes(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect(miss.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');

      expect((await post(null, { query: SECRET, extensions: persisted(SECRET_ID) })).status).toBe(200);
      const hit = await post(STOREFRONT, { extensions: persisted(SECRET_ID) });
      expect(hit).toEqual({ status: 200, body: { data: { secret: 'internal' } } });
    });

    it('runs manifest operations by id, and never copies them into the APQ store', async () => {
      expect(await post(null, { extensions: persisted(GREETING_ID) })).toEqual({
        status: 200,
        body: { data: { greeting: 'hello' } },
      });
      const registration = await post(STOREFRONT, { query: GREETING, extensions: persisted(GREETING_ID) });
      expect(registration).toEqual({ status: 200, body: { data: { greeting: 'hello' } } });
      expect(await apqStore.get(`apq:${GREETING_ID}`)).toBeUndefined();
    });
  });
});

describe('persistedDocumentsPlugin behind identifyCaller in the context function', () => {
  it('serves the development keys by policy and answers an unknown x-api-key with 401', async () => {
    const registry = await loadClientRegistry(path.join(root, 'config', 'clients.json'));
    const server = new ApolloServer<PartnerContext>({
      typeDefs,
      resolvers: { Query: { greeting: () => 'hello' } },
      plugins: [persistedDocumentsPlugin({ documents: { get: () => undefined, size: 0, operations: [] } })],
    });
    await server.start();
    const withKey = async (apiKey: string) => {
      const headers = new HeaderMap([
        ['content-type', 'application/json'],
        ['x-api-key', apiKey],
      ]);
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ greeting }' } },
        context: async () => identifyCaller(registry, (name) => headers.get(name)),
      });
      return [
        response.status ?? 200,
        response.body.kind === 'complete' ? JSON.parse(response.body.string) : null,
      ];
    };
    expect(await withKey('dev-storefront-key')).toEqual([200, { data: { greeting: 'hello' } }]);
    expect((await withKey('dev-partner-key'))[0]).toBe(400);
    expect(await withKey('guessed-key')).toEqual([
      401,
      { errors: [{ message: 'The API key is not recognised.', extensions: { code: 'UNAUTHENTICATED' } }] },
    ]);
    await server.stop();
  });
});

describe('Apollo Server 5 (why the plugin does not throw from requestDidStart)', () => {
  it('answers a GraphQLError thrown from requestDidStart with a masked 500, ignoring its status', async () => {
    const throwing: ApolloServerPlugin = {
      async requestDidStart() {
        throw new GraphQLError('refused', { extensions: { code: 'REFUSED', http: { status: 400 } } });
      },
    };
    const server = new ApolloServer<PartnerContext>({
      typeDefs,
      plugins: [throwing],
      logger: silentLogger(),
    });
    await server.start();
    const answer = await send(server, null, { method: 'POST', search: '', body: { query: '{ greeting }' } });
    await server.stop();
    expect(answer).toEqual({
      status: 500,
      body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
  });
});

async function send(
  server: ApolloServer<PartnerContext>,
  client: RegisteredClient | null,
  request: { method: string; search: string; body: unknown },
): Promise<Answer> {
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      ...request,
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        ['apollo-require-preflight', 'true'],
      ]),
    },
    context: async () => ({ client }),
  });
  if (response.body.kind !== 'complete') throw new Error('expected a complete response');
  return { status: response.status ?? 200, body: JSON.parse(response.body.string) as Answer['body'] };
}

function persisted(sha256Hash: string) {
  return { persistedQuery: { version: 1, sha256Hash } };
}

function codes(answer: Answer): string[] {
  return (answer.body.errors ?? []).map((error) => error.extensions.code);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function silentLogger() {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop };
}
