import type { Locale, Viewer } from '../../../contracts/requestContext.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { content } from '../index.js';

const BLOCKS = `blocks { __typename id
  ... on HeroBlock { title subtitle imageUrl ctaLabel ctaUrl }
  ... on RichTextBlock { html }
  ... on ProductCarouselBlock { title products { id } }
  ... on CategoryTilesBlock { title categories { id } } }`;
const PAGE = `query($slug: String!) { page(slug: $slug) { id slug locale title ${BLOCKS} } }`;
const CATEGORIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Category { id landingPage { slug locale title ${BLOCKS} } } }
}`;

type Block = {
  __typename: string;
  title?: string;
  products?: { id: string }[];
  categories?: { id: string }[];
};
type PageData = { page: { id: string; slug: string; locale: string; title: string; blocks: Block[] } | null };

const shopper = (customerId: string, segment: string): Viewer => ({ customerId, segment, roles: [] });

describe('Page', () => {
  const subgraph = serveForTest(content);

  async function page(slug: string, context: { viewer?: Viewer; locale?: Locale } = {}) {
    const response = await subgraph.request<PageData>(PAGE, { slug }, context);
    expect(response.errors).toBeUndefined();
    return response.data!.page;
  }

  describe('Query.page', () => {
    it('serves the default home page to anonymous callers, with seeded blocks, in two statements', async () => {
      const home = await page('home');
      expect(subgraph.reports.at(-1)?.statements).toHaveLength(2);
      expect(home).toMatchObject({ slug: 'home', locale: 'en-US', title: 'Home' });
      expect(home!.blocks.map((b) => [b.__typename, b.title])).toEqual([
        ['HeroBlock', 'New season, new favourites'],
        ['RichTextBlock', undefined],
        ['ProductCarouselBlock', 'Trending'],
        ['CategoryTilesBlock', 'Shop by department'],
        ['ProductCarouselBlock', 'New arrivals'],
      ]);
      expect(home!.blocks[2]!.products!.slice(0, 3)).toEqual([{ id: '1' }, { id: '8' }, { id: '15' }]);
      expect(home!.blocks[2]!.products).toHaveLength(12);
      expect(home!.blocks[3]!.categories!.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      expect(home!.blocks[4]!.products!.at(-1)).toEqual({ id: '480' });
    });

    it('personalises the hero and carousel for vip and the hero for new customers', async () => {
      const anonymous = await page('home');
      const vip = await page('home', { viewer: shopper('5', 'vip') });
      const newcomer = await page('home', { viewer: shopper('3', 'new') });
      expect(vip!.blocks[0]!.title).toBe('VIP early access');
      expect(vip!.blocks[2]).toMatchObject({
        title: 'Picked for our VIPs',
        products: expect.arrayContaining([{ id: '301' }]),
      });
      expect(newcomer!.blocks[0]!.title).toBe('Welcome! Enjoy 10% off your first order');
      expect(newcomer!.blocks[2]).toEqual(anonymous!.blocks[2]);
      for (const personalised of [vip, newcomer]) {
        expect(personalised!.blocks).not.toEqual(anonymous!.blocks);
        expect([1, 3, 4].map((i) => personalised!.blocks[i])).toEqual(
          [1, 3, 4].map((i) => anonymous!.blocks[i]),
        );
      }
    });

    it('serves every vip the same page and regular customers the default one', async () => {
      expect(await page('home', { viewer: shopper('5', 'vip') })).toEqual(
        await page('home', { viewer: shopper('8', 'vip') }),
      );
      expect(await page('home', { viewer: shopper('4', 'regular') })).toEqual(await page('home'));
    });

    it('serves the de-DE version, and falls back to en-US where there is none', async () => {
      const home = await page('home', { locale: 'de-DE' });
      expect(home).toMatchObject({ locale: 'de-DE', title: 'Startseite' });
      expect(home!.blocks[0]!.title).toBe('Neue Saison, neue Lieblingsstücke');
      expect(await page('gift-guide', { locale: 'de-DE' })).toMatchObject({
        locale: 'en-US',
        title: 'Gift guide',
      });
    });

    it('answers null without error for an unknown slug', async () => {
      expect(await page('no-such-page')).toBeNull();
    });
  });

  describe('Category.landingPage', () => {
    it('finds the landing page of each department in the locale with two statements in all', async () => {
      const r = ['1', '3', '8', '50'].map((id) => ({ __typename: 'Category', id }));
      const entities = await resolveEntities<{ landingPage: PageData['page'] }>(subgraph, CATEGORIES, r, {
        locale: 'de-DE',
      });
      expect(entities.map((e) => e.landingPage && [e.landingPage.slug, e.landingPage.title])).toEqual([
        ['department-1', 'Abteilung 1'],
        ['department-3', 'Abteilung 3'],
        ['department-8', 'Abteilung 8'],
        null,
      ]);
      expect(entities[1]!.landingPage!.blocks.map((b) => b.__typename)).toEqual([
        'HeroBlock',
        'ProductCarouselBlock',
      ]);
      expect(subgraph.reports.at(-1)?.statements).toHaveLength(2);
    });
  });

  describe('_entities', () => {
    it('resolves a page by id, and unknown or malformed ids to null without error', async () => {
      const r = ['1', '9999', 'abc'].map((id) => ({ __typename: 'Page', id }));
      const response = await subgraph.request(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Page { slug locale } } }`,
        { r },
      );
      expect(response).toEqual({ data: { _entities: [{ slug: 'home', locale: 'en-US' }, null, null] } });
    });
  });
});
