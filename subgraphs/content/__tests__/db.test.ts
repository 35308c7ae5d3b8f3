import type { RequestContext } from '../../../contracts/requestContext.js';
import { observeStatements } from '../../shared/database/Database.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import {
  badgesByProducts,
  blocksByPages,
  editorialsByProducts,
  landingPagesByCategories,
  newestReviewsByProducts,
  pagesBySlugs,
  reviewSummariesByProducts,
  upsertEditorial,
} from '../db.js';
import { content } from '../index.js';
import { createLoaders } from '../loaders.js';

const GERMAN = ['de-DE', 'en-US'] as const;
const request: RequestContext = {
  locale: 'en-US',
  market: 'US',
  currency: 'USD',
  viewer: null,
  segment: null,
};

describeEachDatabase('content data layer', (target) => {
  const testDb = seedForTest(content, target);

  describe('pagesBySlugs', () => {
    it('prefers the locale, falls back to en-US, and has no row for unknown slugs', async () => {
      const rows = await pagesBySlugs(testDb.db, ['home', 'gift-guide', 'nope'], GERMAN);
      expect(rows.map((r) => [r.slug, r.locale, r.title]).sort()).toEqual([
        ['gift-guide', 'en-US', 'Gift guide'],
        ['home', 'de-DE', 'Startseite'],
      ]);
    });
  });

  describe('landingPagesByCategories', () => {
    it('finds the department landing page in the locale', async () => {
      const rows = await landingPagesByCategories(testDb.db, [3, 50], GERMAN);
      expect(rows.map((r) => [r.categoryId, r.slug, r.locale, r.title])).toEqual([
        [3, 'department-3', 'de-DE', 'Abteilung 3'],
      ]);
    });
  });

  describe('blocksByPages', () => {
    it('picks per position the block of the segment, else the default', async () => {
      const [home] = await pagesBySlugs(testDb.db, ['home'], ['en-US', 'en-US']);
      const kindsAndTitles = async (segment: string | null) =>
        (await blocksByPages(testDb.db, [home!.id], segment)).map((b) => [
          b.kind,
          'title' in b.data ? b.data.title : null,
        ]);
      const anonymous = await kindsAndTitles(null);
      expect(anonymous).toEqual([
        ['hero', 'New season, new favourites'],
        ['rich_text', null],
        ['product_carousel', 'Trending'],
        ['category_tiles', 'Shop by department'],
        ['product_carousel', 'New arrivals'],
      ]);
      expect(await kindsAndTitles('regular')).toEqual(anonymous);
      const vip = await kindsAndTitles('vip');
      expect([vip[0], vip[2]]).toEqual([
        ['hero', 'VIP early access'],
        ['product_carousel', 'Picked for our VIPs'],
      ]);
      expect((await kindsAndTitles('new'))[0]).toEqual(['hero', 'Welcome! Enjoy 10% off your first order']);
    });
  });

  describe('product content', () => {
    it('finds editorial in the locale, else en-US, else nothing', async () => {
      const rows = await editorialsByProducts(testDb.db, [1, 3, 4, 6], GERMAN);
      expect(rows.map((r) => [r.productId, r.locale, r.headline])).toEqual([
        [3, 'de-DE', 'Für jeden Tag gemacht'],
        [4, 'en-US', 'The one we keep coming back to'],
        [6, 'de-DE', 'Gemacht für die Ewigkeit'],
      ]);
    });

    it('labels badges in the locale, in display order', async () => {
      const rows = await badgesByProducts(testDb.db, [1, 2, 7], GERMAN);
      expect(rows).toEqual([
        { productId: 1, code: 'NEW', label: 'Neu' },
        { productId: 1, code: 'BESTSELLER', label: 'Bestseller' },
        { productId: 7, code: 'ECO', label: 'Umweltfreundlich' },
      ]);
    });

    it('summarises reviews as the rounded mean of the rows', async () => {
      const ids = Array.from({ length: 40 }, (_, i) => i + 1);
      const summaries = await reviewSummariesByProducts(testDb.db, ids);
      const reviews = await newestReviewsByProducts(testDb.db, ids, 50);
      expect(summaries.length).toBeGreaterThan(20);
      for (const summary of summaries) {
        const ratings = reviews.filter((r) => r.productId === summary.productId).map((r) => r.rating);
        expect(summary.count).toBe(ratings.length);
        const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
        expect(summary.averageRating).toBeCloseTo(Math.round(mean * 10) / 10, 5);
      }
      expect(summaries.find((s) => s.productId === 2)).toEqual({
        productId: 2,
        count: 5,
        averageRating: 4.6,
      });
    });

    it('keeps the first newest reviews of each product, newest first', async () => {
      const rows = await newestReviewsByProducts(testDb.db, [2, 3, 18], 2);
      expect(rows.map((r) => r.id)).toEqual([21, 22, 31, 32]);
      expect(rows[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(rows[0]!.createdAt)).toBeGreaterThan(Date.parse(rows[1]!.createdAt));
    });

    it('upserts editorial by product and locale', async () => {
      const first = { productId: 9, locale: 'de-DE', headline: 'Eins', body: 'Erster Text' };
      expect(await upsertEditorial(testDb.db, first)).toEqual(first);
      expect(await upsertEditorial(testDb.db, { ...first, headline: 'Zwei' })).toEqual({
        ...first,
        headline: 'Zwei',
      });
      const rows = await editorialsByProducts(testDb.db, [9], GERMAN);
      expect(rows.map((r) => r.headline)).toEqual(['Zwei']);
    });
  });

  describe('createLoaders', () => {
    it('loads reviews for several `first` values with one statement', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(testDb.db, (sql) => statements.push(sql)),
        request,
      );
      const [two, five, none] = await Promise.all([
        loaders.reviewsByProduct.load({ productId: 2, first: 2 }),
        loaders.reviewsByProduct.load({ productId: 2, first: 5 }),
        loaders.reviewsByProduct.load({ productId: 18, first: 5 }),
      ]);
      expect([two.map((r) => r.id), five.map((r) => r.id), none]).toEqual([
        [21, 22],
        [21, 22, 23, 24, 25],
        [],
      ]);
      expect(statements).toHaveLength(1);
    });

    it('gives a product without reviews a zero summary', async () => {
      const loaders = createLoaders(testDb.db, request);
      expect(await loaders.reviewSummaryByProduct.load(18)).toEqual({
        productId: 18,
        count: 0,
        averageRating: null,
      });
    });
  });
});
