import { ApolloServer, HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { errorMaskingPlugin, type ErrorLogger } from '../errorMasking.js';
import {
  checkPersistedQuery,
  loadPersistedQueryLimitsConfig,
  persistedQueryLimitsPlugin,
  type PersistedQueryLimitsContext,
} from '../persistedQueryLimits.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: unknown, version: unknown = 1) => ({
  persistedQuery: { version, sha256Hash: hash },
});
/** A valid document of exactly `bytes` bytes, distinct per `tag`. */
const documentOf = (bytes: number, tag: string) => {
  const head = `{ a } # ${tag} `;
  return head + 'x'.repeat(bytes - head.length);
};

describe('checkPersistedQuery', () => {
  const query = '{ a }';

  it('passes a request without the extension, and a lookup by a well-formed id, as 0 bytes', () => {
    expect(checkPersistedQuery({ query }, 100)).toBe(0);
    expect(checkPersistedQuery({ extensions: persisted(sha256(query)) }, 100)).toBe(0);
  });

  it('counts the UTF-8 bytes of a registration whose hash matches', () => {
    const text = '{ a } # é';
    expect(text.length).toBe(9);
    expect(checkPersistedQuery({ query: text, extensions: persisted(sha256(text)) }, 100)).toBe(10);
  });

  it.each([
    ['version 2', persisted(sha256(query), 2), 400, 'extensions.persistedQuery.version must be 1'],
    ['no version', { persistedQuery: { sha256Hash: sha256(query) } }, 400, 'version must be 1'],
    ['a null extension', { persistedQuery: null }, 400, 'version must be 1'],
    ['a null hash', persisted(null), 400, 'sha256Hash must be a SHA-256 as 64 lowercase hex characters'],
    ['an upper-case hash', persisted(sha256(query).toUpperCase()), 400, 'sha256Hash must be a SHA-256'],
    ['a hash of another document', persisted(sha256('{ b }')), 400, 'is not the SHA-256 of the query'],
  ])('refuses %s with BAD_REQUEST', (_case, extensions, status, message) => {
    const error = checkPersistedQuery({ query, extensions }, 100);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(message);
    expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_REQUEST', http: { status } });
  });

  it('refuses a registration over the size limit with 413, before hashing it', () => {
    const big = documentOf(101, 'big');
    const error = checkPersistedQuery({ query: big, extensions: persisted('0'.repeat(64)) }, 100);
    expect((error as Error).message).toBe(
      'A document registered as an automatic persisted query may be at most 100 bytes; this one is 101. ' +
        'Send it without extensions.persistedQuery.',
    );
    expect((error as { extensions: unknown }).extensions).toEqual({
      code: 'BAD_REQUEST',
      http: { status: 413 },
    });
    const fits = documentOf(100, 'fits');
    expect(checkPersistedQuery({ query: fits, extensions: persisted(sha256(fits)) }, 100)).toBe(100);
  });
});

describe('loadPersistedQueryLimitsConfig', () => {
  it('uses the documented defaults: 16 KiB per document, 256 KiB per caller and hour', () => {
    expect(loadPersistedQueryLimitsConfig({})).toEqual({ maxBytes: 16_384, budgetBytesPerHour: 262_144 });
  });

  it('reads each variable, and names a bad one', () => {
    expect(
      loadPersistedQueryLimitsConfig({ APQ_MAX_BYTES: '4096', APQ_BUDGET_BYTES_PER_HOUR: '8192' }),
    ).toEqual({ maxBytes: 4_096, budgetBytesPerHour: 8_192 });
    expect(() => loadPersistedQueryLimitsConfig({ APQ_MAX_BYTES: 'big' })).toThrow(
      'APQ_MAX_BYTES is "big"; use a whole number from 256 to 1048576',
    );
    expect(() => loadPersistedQueryLimitsConfig({ APQ_BUDGET_BYTES_PER_HOUR: '1000' })).toThrow(
      'APQ_BUDGET_BYTES_PER_HOUR is "1000"; use at least APQ_MAX_BYTES (16384)',
    );
  });
});

describe('persistedQueryLimitsPlugin', () => {
  let server: ApolloServer<PersistedQueryLimitsContext>;
  let store: InMemoryLRUCache<string>;
  const logged: string[] = [];
  const logger: ErrorLogger = { error: (_details, message) => logged.push(message) };

  beforeEach(async () => {
    store = new InMemoryLRUCache<string>();
    logged.splice(0);
    server = new ApolloServer<PersistedQueryLimitsContext>({
      typeDefs: 'type Query { a: Int }',
      resolvers: { Query: { a: () => 1 } },
      persistedQueries: { cache: store },
      plugins: [
        persistedQueryLimitsPlugin({ maxBytes: 300, budgetBytesPerHour: 500 }),
        errorMaskingPlugin({ production: true, logger }),
      ],
    });
    await server.start();
  });
  afterEach(() => server.stop());

  async function register(query: string, caller: string) {
    const response = await server.executeOperation(
      {
        query,
        extensions: persisted(sha256(query)),
        http: { method: 'POST', headers: new HeaderMap(), search: '', body: {} },
      },
      { contextValue: { caller: { key: caller } } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return {
      status: response.http.status ?? 200,
      retryAfter: response.http.headers.get('retry-after'),
      code: response.body.singleResult.errors?.[0]?.extensions?.['code'],
      stored: (await store.get(`apq:${sha256(query)}`)) !== undefined,
    };
  }

  it("charges each registration's bytes to its caller, and stores nothing once the budget is spent", async () => {
    expect(await register(documentOf(200, 'one'), 'ip:a')).toEqual({
      status: 200,
      retryAfter: undefined,
      code: undefined,
      stored: true,
    });
    expect((await register(documentOf(300, 'two'), 'ip:a')).stored).toBe(true);
    const refused = await register(documentOf(200, 'three'), 'ip:a');
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', stored: false });
    expect(Number(refused.retryAfter)).toBeGreaterThan(3_500);
    expect(await register(documentOf(200, 'three'), 'ip:b')).toMatchObject({ status: 200, stored: true });
  });

  it('stores nothing for a document over the size limit or a mismatched hash, and logs no error', async () => {
    expect(await register(documentOf(301, 'big'), 'ip:a')).toMatchObject({
      status: 413,
      code: 'BAD_REQUEST',
      stored: false,
    });
    const response = await server.executeOperation(
      { query: '{ a }', extensions: persisted(sha256('{ b }')) },
      { contextValue: { caller: { key: 'ip:a' } } },
    );
    expect(response.http.status).toBe(400);
    expect(await store.get(`apq:${sha256('{ b }')}`)).toBeUndefined();
    expect(logged).toEqual([]);
  });
});
