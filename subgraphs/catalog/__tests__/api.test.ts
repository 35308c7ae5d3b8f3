import { CATEGORY_IDS } from '../../shared/seedPlan.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { errorCodes } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { catalog } from '../index.js';

describeEachDatabase('catalog API', (target) => {
  const subgraph = serveForTest(catalog, target);

  it('finds a product by id and by slug, with its brand, categories, images, attributes and variants', async () => {
    const fields = `id sku name slug weightGrams createdAt brand { name slug } categories { slug }
      images(limit: 2) { url width height } attributes { name value }
      variants { id sku name weightGrams options { name value } product { id } }`;
    const byId = await subgraph.request<{ product: Record<string, unknown> }>(
      `{ product(id: "5") { ${fields} } }`,
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.product).toEqual({
      id: '5',
      sku: 'SKU-000005',
      name: 'Classic Backpack Alpha',
      slug: 'classic-backpack-alpha-5',
      weightGrams: 785,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      brand: { name: 'Zephyr', slug: 'zephyr' },
      categories: [{ slug: 'outdoor-hiking-backpacks' }, { slug: 'outdoor-climbing-harnesses' }],
      images: [
        { url: 'https://images.example.com/products/5/1.jpg', width: 1200, height: 1200 },
        { url: 'https://images.example.com/products/5/2.jpg', width: 1200, height: 900 },
      ],
      attributes: [
        { name: 'Material', value: 'Nylon' },
        { name: 'Colour', value: 'Red' },
        { name: 'Warranty', value: '3 years' },
      ],
      variants: [
        {
          id: '51',
          sku: 'SKU-000005-1',
          name: 'Red',
          weightGrams: 785,
          options: [{ name: 'Colour', value: 'Red' }],
          product: { id: '5' },
        },
        {
          id: '52',
          sku: 'SKU-000005-2',
          name: 'Grey',
          weightGrams: 835,
          options: [{ name: 'Colour', value: 'Grey' }],
          product: { id: '5' },
        },
      ],
    });
    const bySlug = await subgraph.request(`{ product(slug: "classic-backpack-alpha-5") { ${fields} } }`);
    expect(bySlug).toEqual(byId);
  });

  it('answers null without an error for unknown or malformed ids and unknown slugs', async () => {
    const response = await subgraph.request(`{
      unknown: product(id: "99999") { id } malformed: product(id: "abc") { id } huge: product(id: "99999999999") { id }
      slug: product(slug: "no-such-product") { id } category(slug: "nope") { id } brand(slug: "nope") { id } }`);
    expect(response).toEqual({
      data: { unknown: null, malformed: null, huge: null, slug: null, category: null, brand: null },
    });
  });

  it('rejects product() given both or neither of id and slug', async () => {
    expect(errorCodes(await subgraph.request('{ product { id } }'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await subgraph.request('{ product(id: "1", slug: "x") { id } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('relates the most popular other products of the home category', async () => {
    const expected = await subgraph.db.query<{ id: string }>(
      `SELECT p.id::text AS id FROM catalog.product_category pc JOIN catalog.product p ON p.id = pc.product_id
       WHERE pc.category_id = $1 AND p.id <> 5 ORDER BY p.popularity DESC, p.id LIMIT 3`,
      [CATEGORY_IDS.leaf(1, 2, 1)],
    );
    const response = await subgraph.request<{ product: { related: { id: string }[] } }>(
      '{ product(id: "5") { related(limit: 3) { id } } }',
    );
    expect(response.data?.product.related).toEqual(expected);
    expect(expected).toHaveLength(3);
    for (const limit of [0, 25]) {
      expect(
        errorCodes(await subgraph.request(`{ product(id: "5") { related(limit: ${limit}) { id } } }`)),
      ).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('runs no statement twice for a product page, whose related products show one image each', async () => {
    const response = await subgraph.request<{
      product: { images: unknown[]; related: { id: string; images: { url: string }[] }[] };
    }>(`{ product(slug: "classic-backpack-alpha-5") { brand { name } images { url } categories { ancestors { slug } }
          variants { options { value } } related(limit: 4) { id name images(limit: 1) { url } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.product.images).toHaveLength(4);
    for (const related of response.data?.product.related ?? []) {
      expect(related.images).toEqual([{ url: `https://images.example.com/products/${related.id}/1.jpg` }]);
    }
    const statements = subgraph.reports.at(-1)?.statements ?? [];
    expect(statements.filter((sql, index) => statements.indexOf(sql) !== index)).toEqual([]);
  });

  it('serves the tree: departments in order, children, parent and ancestors from the department down', async () => {
    const response = await subgraph.request<{
      departments: { name: string; children: { slug: string }[] }[];
      category: Record<string, unknown>;
    }>(`{ departments { name children { slug } }
          category(slug: "kitchen-appliances-kettles") { id name parent { slug } ancestors { slug } children { id } } }`);
    expect(response.data?.departments.map((d) => d.name)).toEqual([
      'Outdoor', 'Kitchen', 'Fashion', 'Electronics', 'Home', 'Sports', 'Beauty', 'Toys',
    ]); // prettier-ignore
    expect(response.data?.departments[0]?.children.map((c) => c.slug)).toEqual([
      'outdoor-camping', 'outdoor-hiking', 'outdoor-climbing', 'outdoor-water-sports',
    ]); // prettier-ignore
    expect(response.data?.category).toEqual({
      id: String(CATEGORY_IDS.leaf(2, 3, 3)),
      name: 'Kettles',
      parent: { slug: 'kitchen-appliances' },
      ancestors: [{ slug: 'kitchen' }, { slug: 'kitchen-appliances' }],
      children: [],
    });
    const brand = await subgraph.request('{ brand(slug: "acorn") { id name slug } }');
    expect(brand.data).toEqual({ brand: { id: '1', name: 'Acorn', slug: 'acorn' } });
  });
});
