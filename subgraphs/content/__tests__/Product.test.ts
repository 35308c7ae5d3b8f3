import type { Locale } from '../../../contracts/requestContext.js';
import { expectBatched } from '../../shared/testing/expectBatched.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { content } from '../index.js';

const PRODUCTS = `query($r: [_Any!]!, $first: Int) {
  _entities(representations: $r) {
    ... on Product {
      id
      editorial { productId locale headline body }
      badges { code label }
      reviewSummary { averageRating count }
      reviews(first: $first) { id rating title body authorName createdAt }
    }
  }
}`;

type ProductData = {
  id: string;
  editorial: { locale: string; headline: string; body: string } | null;
  badges: { code: string; label: string }[];
  reviewSummary: { averageRating: number | null; count: number };
  reviews: { id: string; rating: number; createdAt: string }[];
};

const refs = (ids: string[]) => ids.map((id) => ({ __typename: 'Product', id }));

describe('Product', () => {
  const subgraph = serveForTest(content);

  const products = (ids: string[], locale: Locale = 'en-US', first?: number) =>
    resolveEntities<ProductData>(subgraph, PRODUCTS, refs(ids), { locale }, { first });

  it('answers editorial in the locale, falls back to en-US, and null when none is written', async () => {
    const english = await products(['4', '3', '1']);
    expect(english.map((p) => p.editorial)).toEqual([
      {
        productId: '4',
        locale: 'en-US',
        headline: 'The one we keep coming back to',
        body: 'We used it for a month and it still looks new.',
      },
      null,
      null,
    ]);
    const german = await products(['4', '3', '6'], 'de-DE');
    expect(german.map((p) => p.editorial && [p.editorial.locale, p.editorial.headline])).toEqual([
      ['en-US', 'The one we keep coming back to'],
      ['de-DE', 'Für jeden Tag gemacht'],
      ['de-DE', 'Gemacht für die Ewigkeit'],
    ]);
  });

  it('labels badges in the locale, and gives products without badges an empty list', async () => {
    const [one, two] = await products(['1', '2'], 'de-DE');
    expect(one!.badges).toEqual([
      { code: 'NEW', label: 'Neu' },
      { code: 'BESTSELLER', label: 'Bestseller' },
    ]);
    expect(two!.badges).toEqual([]);
    const [english] = await products(['7']);
    expect(english!.badges).toEqual([{ code: 'ECO', label: 'Eco-friendly' }]);
  });

  it('summarises reviews and lists the newest first, five by default', async () => {
    const [two, eighteen] = await products(['2', '18']);
    expect(two!.reviewSummary).toEqual({ averageRating: 4.6, count: 5 });
    expect(two!.reviews.map((r) => [r.id, r.rating])).toEqual([
      ['21', 5],
      ['22', 5],
      ['23', 3],
      ['24', 5],
      ['25', 5],
    ]);
    expect(two!.reviews[0]).toMatchObject({ title: 'Love it', authorName: 'Ben T.' });
    expect(eighteen).toMatchObject({ reviewSummary: { averageRating: null, count: 0 }, reviews: [] });
    const [limited] = await products(['2'], 'en-US', 2);
    expect(limited!.reviews.map((r) => r.id)).toEqual(['21', '22']);
  });

  it('rejects reviews(first) outside 1..50 as BAD_USER_INPUT', async () => {
    for (const first of [0, 51, -1]) {
      const { errors } = await subgraph.request(PRODUCTS, { r: refs(['2']), first });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    }
  });

  it('answers ids no product can have like products without content', async () => {
    const results = await products(['abc', '99999999999', '100000']);
    for (const result of results) {
      expect(result).toMatchObject({
        editorial: null,
        badges: [],
        reviewSummary: { averageRating: null, count: 0 },
        reviews: [],
      });
    }
  });

  it('runs the same statements for 5 and for 20 products, none twice', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i * 13 + 1));
    await expectBatched(subgraph, (count) => products(ids(count), 'de-DE'), 4);
  });
});
