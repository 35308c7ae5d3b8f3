import DataLoader from 'dataloader';
import { DEFAULT_LOCALE, type RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { groupLoader, rowLoader, rowsGroupedByKey } from '../shared/loaderBatch.js';
import type { SubgraphContext } from '../shared/Subgraph.js';
import {
  badgesByProducts,
  blocksByPages,
  editorialsByProducts,
  landingPagesByCategories,
  newestReviewsByProducts,
  pagesByIds,
  pagesBySlugs,
  reviewSummariesByProducts,
  type Locales,
  type ReviewRow,
  type ReviewSummaryRow,
} from './db.js';

/** Copy missing in the request's locale is shown in this one. */
const FALLBACK_LOCALE = DEFAULT_LOCALE;

/** Which reviews to load: the `first` newest of a product. */
export type ReviewsKey = { productId: number; first: number };

/**
 * The content subgraph's loaders for one request, bound to its locale and the viewer's segment; each batch runs
 * one statement. The context is read inside the batches, so that reviews (read in no locale) do not vary by
 * locale, and pages vary by segment but never by viewer.
 */
export function createLoaders(db: Database, request: Readonly<RequestContext>) {
  const locales = (): Locales => [request.locale, FALLBACK_LOCALE];
  return {
    /** A page by slug in the request's locale (else the fallback); null for an unknown slug. */
    pageBySlug: rowLoader(
      db,
      (db, slugs: readonly string[]) => pagesBySlugs(db, slugs, locales()),
      (row) => row.slug,
    ),
    /** A page by id; null for an unknown id. */
    pageById: rowLoader(db, pagesByIds, (row) => row.id),
    /** A category's landing page in the request's locale (else the fallback); null when it has none. */
    landingPageByCategory: rowLoader(
      db,
      (db, ids: readonly number[]) => landingPagesByCategories(db, ids, locales()),
      (row) => row.categoryId,
    ),
    /** A page's blocks in position order, personalised for the viewer's segment. */
    blocksByPage: groupLoader(
      db,
      (db, ids: readonly number[]) => blocksByPages(db, ids, request.segment),
      (row) => row.pageId,
    ),
    /** A product's editorial in the request's locale (else the fallback); null when none is written. */
    editorialByProduct: rowLoader(
      db,
      (db, ids: readonly number[]) => editorialsByProducts(db, ids, locales()),
      (row) => row.productId,
    ),
    /** A product's badges in display order, labelled in the request's locale. */
    badgesByProduct: groupLoader(
      db,
      (db, ids: readonly number[]) => badgesByProducts(db, ids, locales()),
      (row) => row.productId,
    ),
    /** A product's review count and mean rating; zero reviews for a product without any. */
    reviewSummaryByProduct: new DataLoader<number, ReviewSummaryRow>(async (ids) => {
      const summaries = new Map(
        (await reviewSummariesByProducts(db, ids)).map((row) => [row.productId, row]),
      );
      return ids.map((productId) => summaries.get(productId) ?? { productId, count: 0, averageRating: null });
    }),
    /**
     * A product's newest reviews. Keys differing only in `first` share the batch: one statement loads the
     * largest `first` and each key keeps its own prefix.
     */
    reviewsByProduct: new DataLoader<ReviewsKey, ReviewRow[], string>(
      async (keys) => {
        const productIds = [...new Set(keys.map((key) => key.productId))];
        const most = Math.max(...keys.map((key) => key.first));
        const rows = await newestReviewsByProducts(db, productIds, most);
        const byProduct = rowsGroupedByKey(productIds, rows, (row) => row.productId);
        const reviewsOf = new Map(productIds.map((id, i) => [id, byProduct[i]!]));
        return keys.map((key) => reviewsOf.get(key.productId)!.slice(0, key.first));
      },
      { cacheKeyFn: (key) => `${key.productId}:${key.first}` },
    ),
  };
}

export type ContentLoaders = ReturnType<typeof createLoaders>;

/** What every content resolver receives as its context. */
export type ContentContext = SubgraphContext<ContentLoaders>;
