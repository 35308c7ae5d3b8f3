import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { catalog } from '../index.js';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id sku name brand { name } categories { slug ancestors { slug } } images(limit: 1) { url }
    attributes { value } variants { sku options { value } } related(limit: 2) { id } }
  ... on ProductVariant { id sku product { id } }
  ... on Category { id slug products(first: 2) { totalCount nodes { id } } }
  ... on Brand { id name }
} }`;

type Entity = Record<string, unknown> | null;

describeEachDatabase('catalog entities', (target) => {
  const subgraph = serveForTest(catalog, target);

  async function entities(representations: Record<string, unknown>[]) {
    const found = await resolveEntities<Entity>(subgraph, ENTITIES, representations);
    return { entities: found, statements: subgraph.reports.at(-1)?.statements ?? [] };
  }

  it('resolves products by id and by sku, and unknown ones to null without an error', async () => {
    const { entities: found } = await entities([
      { __typename: 'Product', id: '7' },
      { __typename: 'Product', sku: 'SKU-000007' },
      { __typename: 'Product', id: '123456' },
      { __typename: 'Product', id: 'abc' },
      { __typename: 'Product', sku: 'SKU-999999' },
    ]);
    expect(found[0]).toMatchObject({ id: '7', sku: 'SKU-000007', name: 'Classic Hiking Boot Alpha' });
    expect(found[1]).toEqual(found[0]);
    expect(found.slice(2)).toEqual([null, null, null]);
  });

  it('resolves variants, categories and brands by id', async () => {
    const { entities: found } = await entities([
      { __typename: 'ProductVariant', id: '72' },
      { __typename: 'ProductVariant', id: '75' },
      { __typename: 'Category', id: '41' },
      { __typename: 'Brand', id: '2' },
      { __typename: 'Brand', id: '41' },
    ]);
    expect(found[0]).toEqual({ id: '72', sku: 'SKU-000007-2', product: { id: '7' } });
    expect(found[1]).toBeNull();
    expect(found[2]).toMatchObject({
      id: '41',
      slug: 'outdoor-camping-tents',
      products: { totalCount: 4 },
    });
    expect(found.slice(3)).toEqual([{ id: '2', name: 'Birchwood' }, null]);
  });

  it('runs the same statements for 20 product representations as for 5, none twice', async () => {
    const representations = (n: number) =>
      Array.from({ length: n }, (_v, i) =>
        i % 2 === 0
          ? { __typename: 'Product', id: String(i * 17 + 1) }
          : { __typename: 'Product', sku: `SKU-${String(i * 17 + 1).padStart(6, '0')}` },
      );
    const five = await entities(representations(5));
    const twenty = await entities(representations(20));
    expect(twenty.entities.filter((e) => e !== null)).toHaveLength(20);
    expect(twenty.entities[19]).toMatchObject({ id: '324', sku: 'SKU-000324' });
    expect(twenty.statements.length).toBe(five.statements.length);
    expect(new Set(twenty.statements).size).toBe(twenty.statements.length);
    // References (ids and skus together), brand, categories, ancestors, images, attributes, variants, options,
    // related: one statement each.
    expect(twenty.statements).toHaveLength(9);
  });

  it('lists the products of many categories in one statement', async () => {
    const categories = (ids: number[]) => ids.map((id) => ({ __typename: 'Category', id: String(id) }));
    const two = await entities(categories([1, 9]));
    const six = await entities(categories([1, 9, 10, 41, 42, 168]));
    expect(six.statements.length).toBe(two.statements.length);
    expect(six.entities[0]).toEqual(two.entities[0]);
    expect((six.entities[5] as { products: { totalCount: number } }).products.totalCount).toBeGreaterThan(0);
  });
});
