import type { StatementReport } from '../subgraphs/shared/startSubgraph.js';
import { operation, startStack, type Stack } from './support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ CACHE_ENABLED: 'false' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** Runs CategoryPage with `first` products and returns what each subgraph request ran. */
async function categoryPageReports(slug: string, first: number): Promise<StatementReport[]> {
  stack.reports.length = 0;
  const { body } = await stack.post<{ category: { products: { edges: unknown[] } } }>(
    await operation('CategoryPage'),
    { slug, first },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data?.category.products.edges).toHaveLength(first);
  return [...stack.reports];
}

function statementsBySubgraph(reports: StatementReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const report of reports)
    counts[report.subgraph] = (counts[report.subgraph] ?? 0) + report.statements.length;
  return counts;
}

describe('batching', () => {
  it('makes the same subgraph requests and SQL statements for 24 and for 48 products', async () => {
    const [department] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id LIMIT 1',
    );
    const small = await categoryPageReports(department!.slug, 24);
    const large = await categoryPageReports(department!.slug, 48);

    const requestsOf = (reports: StatementReport[]) => reports.map((report) => report.subgraph).sort();
    expect(requestsOf(large)).toEqual(requestsOf(small));
    // catalog, then inventory, pricing and content each resolve the page's products at least once.
    expect(new Set(requestsOf(small))).toEqual(new Set(['catalog', 'content', 'inventory', 'pricing']));
    expect(statementsBySubgraph(large)).toEqual(statementsBySubgraph(small));
  });

  it('never runs the same SQL twice within one subgraph request', async () => {
    const [department] = await stack.db.query<{ slug: string }>(
      'SELECT slug FROM catalog.category WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1',
    );
    const reports = await categoryPageReports(department!.slug, 48);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      const repeated = report.statements.filter((sql, index) => report.statements.indexOf(sql) !== index);
      expect({ subgraph: report.subgraph, repeated }).toEqual({ subgraph: report.subgraph, repeated: [] });
    }
  });

  it('resolves ProductPage with one request per subgraph hop, independent of variant and related counts', async () => {
    const [product] = await stack.db.query<{ slug: string }>('SELECT slug FROM catalog.product WHERE id = 7');
    const query = await operation('ProductPage');
    stack.reports.length = 0;
    await stack.post(query, { slug: product!.slug, relatedCount: 2 });
    const few = statementsBySubgraph([...stack.reports]);
    stack.reports.length = 0;
    await stack.post(query, { slug: product!.slug, relatedCount: 12 });
    expect(statementsBySubgraph([...stack.reports])).toEqual(few);
  });
});
