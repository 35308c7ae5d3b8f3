import { readFile } from 'node:fs/promises';
import { ErrorCode } from '../contracts/errors.js';
import { startStack, type Stack } from './support/stack.js';

interface ManifestOperation {
  id: string;
  name: string;
  body: string;
}

let stack: Stack;
let operations: ManifestOperation[];
beforeAll(async () => {
  stack = await startStack();
  const manifest = JSON.parse(
    await readFile(new URL('../schema/persisted-query-manifest.json', import.meta.url), 'utf8'),
  ) as { operations: ManifestOperation[] };
  operations = manifest.operations;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

async function call(apiKey: string | undefined, body: object) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { extensions: { code: string } }[];
    },
  };
}

const byId = (id: string, variables: object = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

const examples: Record<string, object> = {
  HomePage: {},
  CategoryPage: { slug: 'outdoor-camping' },
  ProductPage: { slug: 'classic-raincoat-alpha-42' },
};

describe('partners through the gateway', () => {
  it('lets a persisted-only partner run every registered operation by its id', async () => {
    expect(operations.map((operation) => operation.name).sort()).toEqual([
      'CategoryPage',
      'HomePage',
      'ProductPage',
    ]);
    for (const operation of operations) {
      const { status, body } = await call('dev-partner-key', byId(operation.id, examples[operation.name]));
      expect({ name: operation.name, status, errors: body.errors }).toEqual({
        name: operation.name,
        status: 200,
        errors: undefined,
      });
      expect(Object.keys(body.data ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('refuses a full document from a persisted-only partner, even a registered one', async () => {
    const operation = operations[0]!;
    const { status, body } = await call('dev-partner-key', {
      query: operation.body,
      variables: examples[operation.name],
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe(ErrorCode.PersistedQueryRequired);
  });

  it('refuses a full document from a persisted-only partner even when the same bytes are cached for others', async () => {
    const operation = operations.find((candidate) => candidate.name === 'CategoryPage')!;
    const body = { query: operation.body, variables: examples[operation.name] };
    for (let attempt = 0; attempt < 2; attempt++) expect((await call(undefined, body)).status).toBe(200);
    const refused = await call('dev-partner-key', body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions.code).toBe(ErrorCode.PersistedQueryRequired);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an id that is not registered', async () => {
    const { status, body } = await call('dev-partner-key', byId('0'.repeat(64)));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe(ErrorCode.PersistedQueryNotFound);
  });

  it('rejects an unknown API key with 401 instead of serving it anonymously', async () => {
    const { status, body } = await call('not-a-key', { query: '{ departments { id } }' });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe(ErrorCode.Unauthenticated);
  });

  it('lets an open client and an anonymous caller send full documents and registered ids', async () => {
    for (const key of ['dev-storefront-key', undefined]) {
      expect((await call(key, { query: '{ departments { id } }' })).body.data?.['departments']).toHaveLength(
        8,
      );
      const home = operations.find((operation) => operation.name === 'HomePage')!;
      expect((await call(key, byId(home.id))).status).toBe(200);
    }
  });
});
