import { ErrorCode } from '../contracts/errors.js';
import { operation, startStack, type Stack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const codesOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((error) => error.extensions?.['code']);

describe('bad input through the gateway', () => {
  it('answers null without error for unknown slugs and ids', async () => {
    const { body } = await stack.post('{ category(slug: "nope") { id } product(id: "999999999") { id } }');
    expect(body).toEqual({ data: { category: null, product: null } });
  });

  it.each([
    ['a page size above the cap', '{ products(first: 101) { totalCount } }'],
    ['a malformed cursor', '{ products(after: "not-a-cursor") { totalCount } }'],
    ['a bad filter', '{ products(filter: { categoryId: "abc" }) { totalCount } }'],
    ['both id and slug', '{ product(id: "1", slug: "x") { id } }'],
  ])('rejects %s with BAD_USER_INPUT', async (_case, query) => {
    const { status, body } = await stack.post(query);
    expect(status).toBe(200);
    expect(codesOf(body)).toEqual([ErrorCode.BadUserInput]);
  });

  it('rejects an unknown market with HTTP 400', async () => {
    const { status, body } = await stack.post('{ departments { id } }', {}, { market: 'ATLANTIS' });
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual([ErrorCode.BadUserInput]);
  });

  it('rejects an invalid token with HTTP 401 instead of serving it anonymously', async () => {
    const { status, body } = await stack.post('{ me { id } }', {}, { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
    expect(status).toBe(401);
    expect(codesOf(body)).toEqual([ErrorCode.Unauthenticated]);
  });

  it('rejects a body that is not JSON with BAD_REQUEST', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(codesOf((await response.json()) as never)).toEqual([ErrorCode.BadRequest]);
  });

  it('rejects a body over the size limit with HTTP 413', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ departments { id } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
  });
});

describe('health endpoints', () => {
  it('answers liveness and readiness with 200 while serving', async () => {
    const base = new URL(stack.gatewayUrl);
    for (const path of ['/health/live', '/health/ready']) {
      const response = await fetch(new URL(path, base));
      expect(response.status).toBe(200);
    }
  });
});

describe('a subgraph that is down', () => {
  it('yields partial data plus an error for the fields it owns, and the gateway keeps serving', async () => {
    await stack.stopSubgraph('pricing');
    const [department] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    const { status, body } = await stack.post<{
      category: { products: { edges: { node: { name: string; price: unknown; availability: unknown } }[] } };
    }>(await operation('CategoryPage'), { slug: department!.slug });
    expect(status).toBe(200);
    const nodes = body.data!.category.products.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(24);
    for (const node of nodes) {
      expect(node.name.length).toBeGreaterThan(0);
      expect(node.price).toBeNull();
      expect(node.availability).not.toBeNull();
    }
    expect(codesOf(body)).toContain(ErrorCode.SubgraphUnavailable);
    const serialized = JSON.stringify(body.errors);
    expect(serialized).toContain('pricing');
    expect(serialized).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED/);

    const after = await stack.post<{ departments: unknown[] }>('{ departments { id } }');
    expect(after.body.data?.departments).toHaveLength(8);
  });
});
