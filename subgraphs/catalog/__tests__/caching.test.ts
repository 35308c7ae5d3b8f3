import { serveForTest } from '../../shared/testing/serveForTest.js';
import { catalog } from '../index.js';

const PRODUCT = `{ product(id: "7") { id name brand { name } images(limit: 1) { url } variants { id options { value } } } }`;
const LISTING = `{ products(first: 5) { pageInfo { endCursor } edges { node { id name } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name } } }`;

const subgraph = serveForTest(catalog);

describe('catalog caching', () => {
  it('answers a product by id with max-age=300, public and no vary header: the catalog reads no context', async () => {
    const { headers, body } = await subgraph.requestRaw(PRODUCT, undefined, {
      market: 'EU',
      locale: 'de-DE',
    });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=300, public');
    expect(headers.get('x-commerce-vary')).toBeNull();
  });

  it('tags a product answer with the product, its brand and its variants', async () => {
    const { body } = await subgraph.requestRaw<{ product: { variants: { id: string }[] } }>(PRODUCT);
    const variants = body.data?.product.variants.map((variant) => `ProductVariant:${variant.id}`) ?? [];
    expect(variants).toContain('ProductVariant:71');
    expect(body.extensions?.['cacheTags']).toEqual(expect.arrayContaining(['Product:7', ...variants]));
    expect(body.extensions?.['cacheTags']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Brand:\d+$/)]),
    );
  });

  it('tags a listing with every product on the page, and only those', async () => {
    const { headers, body } = await subgraph.requestRaw<{
      products: { edges: { node: { id: string } }[] };
    }>(LISTING);
    const ids = body.data?.products.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toHaveLength(5);
    expect(body.extensions?.['cacheTags']).toEqual(ids.map((id) => `Product:${id}`));
    expect(headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('tags _entities by the id of each product, also when the representation names it by sku', async () => {
    const { headers, body } = await subgraph.requestRaw(ENTITIES, {
      r: [
        { __typename: 'Product', id: '3' },
        { __typename: 'Product', sku: 'SKU-000007' },
      ],
    });
    expect(body.extensions?.['cacheTags']).toEqual(['Product:3', 'Product:7']);
    expect(headers.get('cache-control')).toBe('max-age=300, public');
  });
});
