import { CATEGORY_IDS } from '../../shared/seedPlan.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { TEST_SEED_PLAN } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { catalog } from '../index.js';
import { PRODUCT_SORTS, type ProductSort } from '../listing/cursor.js';
import type { ListingRequest } from '../listing/listingRequest.js';
import { listProducts, type ListingRow } from '../listing/listingSql.js';

type Query = Omit<ListingRequest, 'sort' | 'first' | 'after'>;

type SeedProduct = {
  id: number;
  name: string;
  brandId: number;
  brand: string;
  description: string;
  popularity: number;
  /** Microseconds since the epoch. */
  createdAt: number;
};

const ALL: Query = { categoryId: null, brandId: null, text: null };
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const COMPARE: Record<ProductSort, (a: SeedProduct, b: SeedProduct) => number> = {
  FEATURED: (a, b) => b.popularity - a.popularity || a.id - b.id,
  NAME_ASC: (a, b) => byteOrder(a.name, b.name) || a.id - b.id,
  NAME_DESC: (a, b) => byteOrder(b.name, a.name) || b.id - a.id,
  NEWEST: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
};

/** Product ids whose home leaf is in department `d` (1-based), from the seed's rule. */
const inDepartment = (id: number, d: number) => Math.floor(((id - 1) % 128) / 16) === d - 1;

describeEachDatabase('listProducts', (target) => {
  const seeded = seedForTest(catalog, target);
  let products: SeedProduct[];

  beforeAll(async () => {
    products = await seeded.db.query<SeedProduct>(
      `SELECT p.id, p.name, p.brand_id AS "brandId", b.name AS brand, p.description, p.popularity,
         (extract(epoch FROM p.created_at) * 1000000)::bigint AS "createdAt"
       FROM catalog.product p JOIN catalog.brand b ON b.id = p.brand_id`,
    );
  });

  /** Reads every page of a listing, checking that each page repeats the same total. */
  async function walk(
    sort: ProductSort,
    query: Query,
    first: number,
  ): Promise<{ ids: number[]; total: number }> {
    const ids: number[] = [];
    const totals = new Set<number>();
    let after: ListingRequest['after'] = null;
    for (let page = 0; page < 1000; page++) {
      const rows: ListingRow[] = await listProducts(seeded.db, sort, [{ ...query, first, after }]);
      totals.add(rows[0]?.totalCount ?? -1);
      const shown = rows.filter((r) => r.id !== null).slice(0, first);
      ids.push(...shown.map((r) => r.id as number));
      const last = shown.at(-1);
      if (rows.length <= first || !last) break;
      after = { key: last.cursorKey, id: last.id as number };
    }
    expect(totals.size).toBe(1);
    return { ids, total: [...totals][0] ?? -1 };
  }

  it('walks a whole department page by page without duplicates or gaps', async () => {
    const expected = products
      .filter((p) => inDepartment(p.id, 2))
      .sort(COMPARE.FEATURED)
      .map((p) => p.id);
    const { ids, total } = await walk('FEATURED', { ...ALL, categoryId: CATEGORY_IDS.department(2) }, 7);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(total).toBe(expected.length);
  });

  it.each(PRODUCT_SORTS)('orders the whole catalog by %s', async (sort) => {
    const { ids, total } = await walk(sort, ALL, 100);
    expect(ids).toEqual([...products].sort(COMPARE[sort]).map((p) => p.id));
    expect(total).toBe(TEST_SEED_PLAN.products);
  });

  it('includes a category’s subtree, counting a product in two of its leaves once', async () => {
    // Camping holds its own leaves' products and every 5th product of Water Sports (its second leaf).
    const home = (id: number) => (id - 1) % 128;
    const expected = products
      .filter((p) => home(p.id) < 4 || (p.id % 5 === 0 && home(p.id) >= 12 && home(p.id) < 16))
      .sort(COMPARE.NAME_ASC)
      .map((p) => p.id);
    const { ids, total } = await walk('NAME_ASC', { ...ALL, categoryId: CATEGORY_IDS.category(1, 1) }, 10);
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('narrows by brand, and by words that must all appear in name, description or brand', async () => {
    const acorn = products.filter((p) => p.brandId === 1);
    expect((await walk('NEWEST', { ...ALL, brandId: 1 }, 50)).ids).toEqual(
      acorn.sort(COMPARE.NEWEST).map((p) => p.id),
    );

    const words = (p: SeedProduct) => `${p.name} ${p.description} ${p.brand}`.toLowerCase().split(/[^a-z]+/);
    const matching = (...wanted: string[]) =>
      products
        .filter((p) => wanted.every((w) => words(p).includes(w)))
        .sort(COMPARE.FEATURED)
        .map((p) => p.id);
    const tents = matching('classic', 'tent');
    expect(tents.length).toBeGreaterThan(0);
    expect((await walk('FEATURED', { ...ALL, text: 'Classic  TENT' }, 5)).ids).toEqual(tents);
    const byBrand = matching('nimbus', 'steel');
    expect(byBrand.length).toBeGreaterThan(0);
    expect((await walk('FEATURED', { ...ALL, text: 'nimbus steel' }, 100)).ids).toEqual(byBrand);
    expect(await walk('FEATURED', { ...ALL, text: 'tent kettle' }, 100)).toEqual({ ids: [], total: 0 });
  });

  it('answers several listings of one sort in one statement, each as if alone', async () => {
    const queries: Omit<ListingRequest, 'sort'>[] = [
      { ...ALL, categoryId: CATEGORY_IDS.department(3), first: 5, after: null },
      { ...ALL, brandId: 7, first: 3, after: null },
      { ...ALL, categoryId: 999, first: 5, after: null },
      { ...ALL, text: 'sleek', first: 2, after: { key: 9000, id: 1 } },
    ];
    const together = await listProducts(seeded.db, 'FEATURED', queries);
    for (const [index, query] of queries.entries()) {
      const alone = await listProducts(seeded.db, 'FEATURED', [query]);
      const mine = together.filter((r) => r.ord === index + 1);
      expect(mine.map(({ ord: _ord, ...row }) => row)).toEqual(alone.map(({ ord: _ord, ...row }) => row));
    }
    // An unknown category still answers, with an empty page and a zero count.
    expect(together.filter((r) => r.ord === 3)).toEqual([
      expect.objectContaining({ id: null, totalCount: 0 }),
    ]);
  });

  it('keeps the total on a page past the end', async () => {
    const last = [...products].sort(COMPARE.FEATURED).at(-1) as SeedProduct;
    const rows = await listProducts(seeded.db, 'FEATURED', [
      { ...ALL, first: 24, after: { key: last.popularity, id: last.id } },
    ]);
    expect(rows).toEqual([expect.objectContaining({ id: null, totalCount: TEST_SEED_PLAN.products })]);
  });
});
