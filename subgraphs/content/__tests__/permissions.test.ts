import { createSubgraphSchema } from '../../shared/createSubgraphSchema.js';
import { fieldsWithoutRule } from '../../shared/testing/fieldsWithoutRule.js';
import { itRequiresAdmin } from '../../shared/testing/itRequiresAdmin.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { shopper } from '../../shared/testing/viewers.js';
import { content } from '../index.js';

const PUBLISH = `mutation($input: PublishEditorialInput!) {
  publishEditorial(input: $input) { productId locale headline body } }`;
const PAGE = `{ page(slug: "home") { id slug locale title blocks { __typename id
    ... on HeroBlock { title subtitle imageUrl ctaLabel ctaUrl }
    ... on RichTextBlock { html }
    ... on ProductCarouselBlock { title products { id } }
    ... on CategoryTilesBlock { title categories { id } } } }
  _service { sdl } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id editorial { productId locale headline body } badges { code label }
    reviewSummary { averageRating count } reviews(first: 2) { id rating title body authorName createdAt } }
  ... on Category { id landingPage { id title } } } }`;

const subgraph = serveForTest(content);

describe('content permissions', () => {
  it('gives every field of the schema a rule of its own', () => {
    expect(fieldsWithoutRule(createSubgraphSchema(content), content.permissions)).toEqual([]);
  });

  it('serves a page with every kind of block to anonymous callers', async () => {
    const { body } = await subgraph.requestRaw<{ page: { blocks: { __typename: string }[] } }>(PAGE);
    expect(body.errors).toBeUndefined();
    expect(new Set(body.data?.page.blocks.map((block) => block.__typename))).toEqual(
      new Set(['HeroBlock', 'RichTextBlock', 'ProductCarouselBlock', 'CategoryTilesBlock']),
    );
  });

  it('serves product and category content to anonymous callers, and to viewers without reading who they are', async () => {
    const r = [
      { __typename: 'Product', id: '1' },
      { __typename: 'Category', id: '1' },
    ];
    const anonymous = await subgraph.requestRaw(ENTITIES, { r });
    expect(anonymous.body.errors).toBeUndefined();
    const signedIn = await subgraph.requestRaw(ENTITIES, { r }, { viewer: shopper });
    expect(signedIn.body).toEqual(anonymous.body);
    expect(signedIn.headers.get('x-commerce-vary') ?? '').not.toMatch(/viewer/);
  });

  describe('Mutation.publishEditorial', () => {
    const input = { productId: '9', locale: 'en-US', headline: 'Tried and trusted', body: 'Still here.' };

    itRequiresAdmin(subgraph, PUBLISH, { input }, 'publish', (response) => {
      expect(response).toEqual({ data: { publishEditorial: input } });
    });
  });
});
