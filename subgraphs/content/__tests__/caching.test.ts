import type { Viewer } from '../../../contracts/requestContext.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { content } from '../index.js';

const HOME = `{ page(slug: "home") { id title blocks { __typename id
  ... on ProductCarouselBlock { products { id } } ... on CategoryTilesBlock { categories { id } } } } }`;
const COPY = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { editorial { headline } badges { label } } } }`;
const REVIEWS = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { reviewSummary { count } reviews(first: 2) { rating } } } }`;
const PUBLISH = `mutation($input: PublishEditorialInput!) { publishEditorial(input: $input) { headline } }`;

const vip: Viewer = { customerId: '5', segment: 'vip', roles: [] };
const admin: Viewer = { customerId: '1', segment: null, roles: ['admin'] };

type Home = {
  page: { id: string; blocks: { products?: { id: string }[]; categories?: { id: string }[] }[] };
};

const subgraph = serveForTest(content);

describe('content caching', () => {
  it('varies the home page by locale and segment, never by viewer, and caches it publicly for 300 s', async () => {
    const { headers, body } = await subgraph.requestRaw(HOME, undefined, { viewer: vip });
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-commerce-vary')).toBe('locale, segment');
    expect(headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('tags the page with itself and every product and category its blocks show', async () => {
    const { body } = await subgraph.requestRaw<Home>(HOME);
    const page = body.data?.page;
    const shown = page?.blocks.flatMap((block) => [
      ...(block.products ?? []).map((product) => `Product:${product.id}`),
      ...(block.categories ?? []).map((category) => `Category:${category.id}`),
    ]);
    expect(shown).toContain('Product:480');
    expect(shown).toContain('Category:8');
    expect(body.extensions?.['cacheTags']).toEqual([`Page:${page?.id}`, ...new Set(shown)]);
  });

  it('varies editorial and badges by locale, for 300 s', async () => {
    const r = [{ __typename: 'Product', id: '4' }];
    const { headers, body } = await subgraph.requestRaw(COPY, { r }, { viewer: vip });
    expect(headers.get('x-commerce-vary')).toBe('locale');
    expect(headers.get('cache-control')).toBe('max-age=300, public');
    expect(body.extensions?.['cacheTags']).toEqual(['Product:4']);
  });

  it('caches reviews for 120 s, the same in every locale', async () => {
    const r = [{ __typename: 'Product', id: '2' }];
    const { headers } = await subgraph.requestRaw(REVIEWS, { r }, { locale: 'de-DE' });
    expect(headers.get('x-commerce-vary')).toBeNull();
    expect(headers.get('cache-control')).toBe('max-age=120, public');
  });

  it('declares the product changed after publishEditorial', async () => {
    const input = { productId: '4', locale: 'en-US', headline: 'New', body: 'Copy.' };
    const { body } = await subgraph.requestRaw(PUBLISH, { input }, { viewer: admin });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.['invalidatesTags']).toEqual(['Product:4']);
  });
});
