import DataLoader from 'dataloader';
import { DEFAULT_LOCALE, type RequestContext } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { rowsByKey, rowsGroupedByKey } from '../shared/loaderBatch.js';
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
  type BadgeRow,
  type BlockRow,
  type EditorialRow,
  type Locales,
  type PageRow,
  type ReviewRow,
  type ReviewSummaryRow,
} from './db.js';

/** Copy missing in the request's locale is shown in this one. */
const FALLBACK_LOCALE = DEFAULT_LOCALE;

/** Which reviews to load: the `first` newest of a product. */
export type ReviewsKey = { productId: number; first: number };

const orNull = <R>(row: R | Error): R | null => (row instanceof Error ? null : row);

/**
 * The content subgraph's loaders for one request, bound to its locale and the viewer's segment. Each batch runs
 * one SQL statement. The context is read inside the batches, so that reviews (read in no locale) do not vary by
 * locale, and pages vary by segment but never by viewer.
 */
export function createLoaders(db: Database, request: Readonly<RequestContext>) {
  const locales = (): Locales => [request.locale, FALLBACK_LOCALE];
  return {
    /** A page by slug in the request's locale (else the fallback); null for an unknown slug. */
    pageBySlug: new DataLoader<string, PageRow | null>(async (slugs) =>
      rowsByKey(slugs, await pagesBySlugs(db, slugs, locales()), (r) => r.slug, 'Page').map(orNull),
    ),
    /** A page by id; null for an unknown id. */
    pageById: new DataLoader<number, PageRow | null>(async (ids) =>
      rowsByKey(ids, await pagesByIds(db, ids), (row) => row.id, 'Page').map(orNull),
    ),
    /** A category's landing page in the request's locale (else the fallback); null when it has none. */
    landingPageByCategory: new DataLoader<number, PageRow | null>(async (ids) =>
      rowsByKey(
        ids,
        await landingPagesByCategories(db, ids, locales()),
        (row) => row.categoryId,
        'Landing page',
      ).map(orNull),
    ),
    /** A page's blocks in position order, personalised for the viewer's segment. */
    blocksByPage: new DataLoader<number, BlockRow[]>(async (ids) =>
      rowsGroupedByKey(ids, await blocksByPages(db, ids, request.segment), (row) => row.pageId),
    ),
    /** A product's editorial in the request's locale (else the fallback); null when none is written. */
    editorialByProduct: new DataLoader<number, EditorialRow | null>(async (ids) =>
      rowsByKey(ids, await editorialsByProducts(db, ids, locales()), (row) => row.productId, 'Editorial').map(
        orNull,
      ),
    ),
    /** A product's badges in display order, labelled in the request's locale. */
    badgesByProduct: new DataLoader<number, BadgeRow[]>(async (ids) =>
      rowsGroupedByKey(ids, await badgesByProducts(db, ids, locales()), (row) => row.productId),
    ),
    /** A product's review count and mean rating; zero reviews for a product without any. */
    reviewSummaryByProduct: new DataLoader<number, ReviewSummaryRow>(async (ids) =>
      rowsByKey(ids, await reviewSummariesByProducts(db, ids), (row) => row.productId, 'Reviews').map(
        (row, i) => orNull(row) ?? { productId: ids[i]!, count: 0, averageRating: null },
      ),
    ),
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
