import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { shopper } from '../../shared/testing/viewers.js';
import { catalog } from '../index.js';

const PUBLIC_READ = `{
  product(id: "5") { id sku name slug description weightGrams createdAt brand { id name slug }
    categories { id } images(limit: 1) { url alt width height } attributes { name value }
    variants { id sku name weightGrams options { name value } product { id } } related(limit: 1) { id } }
  category(slug: "kitchen-appliances-kettles") { id name slug parent { id } children { id } ancestors { id }
    products(first: 1) { totalCount } }
  brand(slug: "acorn") { id name slug }
  departments { id }
  products(first: 2) { totalCount nodes { id } edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  _service { sdl }
}`;

const subgraph = serveForTest(catalog);

describe('catalog permissions', () => {
  it('gives every field of the schema a rule of its own', () => {
    expect(fieldsWithoutRule(createSubgraphSchema(catalog), catalog.permissions)).toEqual([]);
  });

  it('serves every public read to anonymous callers', async () => {
    const { body } = await subgraph.requestRaw(PUBLIC_READ);
    expect(body.errors).toBeUndefined();
    expect(body.data?.['product']).toMatchObject({ id: '5', brand: { name: expect.any(String) } });
  });

  it('decides public reads without reading the viewer, so the answer stays shared', async () => {
    const { headers, body } = await subgraph.requestRaw(PUBLIC_READ, undefined, { viewer: shopper });
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-commerce-vary')).toBeNull();
  });

  it('resolves product references for anyone', async () => {
    const response = await subgraph.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name } } }`,
      { r: [{ __typename: 'Product', id: '5' }] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.['_entities']).toEqual([{ id: '5', name: expect.any(String) }]);
  });
});
