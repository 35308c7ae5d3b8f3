import { CATEGORY_IDS } from '../../shared/seedPlan.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { errorCodes, type GraphQLResponse } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { catalog } from '../index.js';
import { encodeCursor } from '../listing/cursor.js';

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

describeEachDatabase('catalog listing API', (target) => {
  const subgraph = serveForTest(catalog, target);

  it('walks a department through Category.products with cursors, matching totalCount', async () => {
    const expected = await subgraph.db.query<{ id: string }>(
      `SELECT DISTINCT pc.product_id::text AS id FROM catalog.product_category pc
       JOIN catalog.category leaf ON leaf.id = pc.category_id JOIN catalog.category c ON c.id = leaf.parent_id
       WHERE c.parent_id = 2`,
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response: GraphQLResponse<{ category: { products: Connection } }> = await subgraph.request(
        `query($after: String) { category(slug: "kitchen") { products(first: 10, after: $after, sort: NEWEST) {
           totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
        { after },
      );
      const connection = response.data?.category.products as Connection;
      expect(connection.totalCount).toBe(expected.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      expect(connection.edges).toHaveLength(10);
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expected.map((row) => row.id).sort());
  });

  it.each([
    ['FEATURED', 'p.popularity DESC, p.id'],
    ['NAME_ASC', 'p.name COLLATE "C", p.id'],
    ['NAME_DESC', 'p.name COLLATE "C" DESC, p.id DESC'],
    ['NEWEST', 'p.created_at DESC, p.id DESC'],
  ])('orders Query.products by %s', async (sort, orderBy) => {
    const expected = await subgraph.db.query<{ id: string }>(
      `SELECT p.id::text AS id FROM catalog.product p ORDER BY ${orderBy} LIMIT 30`,
    );
    const response = await subgraph.request<{ products: { nodes: { id: string }[] } }>(
      `{ products(first: 30, sort: ${sort}) { nodes { id } } }`,
    );
    expect(response.data?.products.nodes).toEqual(expected);
  });

  it('filters Query.products by category, brand and text together', async () => {
    const expected = await subgraph.db.query<{ id: string }>(
      `SELECT p.id::text AS id FROM catalog.product p JOIN catalog.product_category pc ON pc.product_id = p.id
       WHERE pc.category_id = $1 AND p.brand_id = 14 AND p.description ILIKE '%steel%'
       ORDER BY p.name COLLATE "C" DESC, p.id DESC`,
      [CATEGORY_IDS.leaf(1, 1, 1)],
    );
    expect(expected.length).toBeGreaterThan(0);
    const response = await subgraph.request<{ products: { totalCount: number; nodes: { id: string }[] } }>(
      `{ products(sort: NAME_DESC, filter: { categoryId: "${CATEGORY_IDS.leaf(1, 1, 1)}", brandId: "14", text: "steel" })
         { totalCount nodes { id } } }`,
    );
    expect(response.data?.products).toEqual({ totalCount: expected.length, nodes: expected });
  });

  it('rejects a page size over 100, naming the cap, and other bad listing input', async () => {
    const tooMany = await subgraph.request('{ products(first: 101) { totalCount } }');
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toContain('100');
    const otherSort = encodeCursor('FEATURED', { key: 7919, id: 1 });
    const bad = [
      `{ products(sort: NAME_ASC, after: "${otherSort}") { totalCount } }`,
      '{ products(after: "garbage") { totalCount } }',
      '{ products(filter: { categoryId: "outdoor" }) { totalCount } }',
      '{ products(filter: { brandId: "1e3" }) { totalCount } }',
      '{ products(filter: { text: " x " }) { totalCount } }',
      '{ category(slug: "outdoor") { products(first: 0) { totalCount } } }',
    ];
    for (const query of bad) expect(errorCodes(await subgraph.request(query))).toEqual(['BAD_USER_INPUT']);
  });
});
