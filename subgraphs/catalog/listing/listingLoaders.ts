import DataLoader from 'dataloader';
import type { Database } from '../../shared/database/Database.js';
import { rowsGroupedByKey } from '../../shared/loaderBatch.js';
import type { ProductRow } from '../db.js';
import { PRODUCT_SORTS, type ProductSort } from './cursor.js';
import type { ListingRequest } from './listingRequest.js';
import { listProducts, type ListingRow } from './listingSql.js';

/** One page of a listing: the products on it with their sort keys, and how many match over all pages. */
export interface ListingPage {
  totalCount: number;
  items: { product: ProductRow; cursorKey: number | string }[];
}

/**
 * A loader per sort (the sort shapes the SQL), each answering every listing of its batch with one statement: a
 * page that shows several categories' products costs one statement, not one per category.
 */
export type ListingLoaders = Record<ProductSort, DataLoader<ListingRequest, ListingPage, string>>;

export function createListingLoaders(db: Database): ListingLoaders {
  const entries = PRODUCT_SORTS.map((sort) => {
    const loader = new DataLoader<ListingRequest, ListingPage, string>(
      async (requests) => {
        const rows = await listProducts(db, sort, requests);
        const ords = requests.map((_request, index) => index + 1);
        return rowsGroupedByKey(ords, rows, (row) => row.ord).map(toPage);
      },
      { cacheKeyFn: (request) => JSON.stringify(request) },
    );
    return [sort, loader] as const;
  });
  return Object.fromEntries(entries) as ListingLoaders;
}

function toPage(rows: readonly ListingRow[]): ListingPage {
  const items: ListingPage['items'] = [];
  for (const { id, ord: _ord, totalCount: _count, place: _place, cursorKey, ...columns } of rows) {
    // The one row of an empty page carries only the count.
    if (id !== null) items.push({ product: { ...columns, id }, cursorKey });
  }
  return { totalCount: rows[0]?.totalCount ?? 0, items };
}
