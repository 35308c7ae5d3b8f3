import type { RequestContext } from '../../../contracts/requestContext.js';
import { observeStatements } from '../../shared/database/Database.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import {
  addressesByCustomers,
  customersByIds,
  deleteWishlistItem,
  insertWishlistItem,
  lockWishlist,
  wishlistItemsByCustomers,
} from '../db.js';
import { customer } from '../index.js';
import { createLoaders } from '../loaders.js';

function requestAs(customerId: string | null): RequestContext {
  const viewer = customerId ? { customerId, segment: null, roles: [] } : null;
  return { locale: 'en-US', market: 'US', currency: 'USD', viewer, segment: null };
}

describeEachDatabase('customer data layer', (target) => {
  const testDb = seedForTest(customer, target);

  describe('customersByIds', () => {
    it('returns the seeded customers and no row for unknown ids', async () => {
      const rows = await customersByIds(testDb.db, [3, 4, 999]);
      expect(rows.sort((a, b) => a.id - b.id)).toEqual([
        {
          id: 3,
          firstName: 'Chloe',
          lastName: 'Weber',
          email: 'chloe.weber.3@example.com',
          segment: 'new',
        },
        {
          id: 4,
          firstName: 'David',
          lastName: 'Wilson',
          email: 'david.wilson.4@example.com',
          segment: 'regular',
        },
      ]);
    });
  });

  describe('addressesByCustomers', () => {
    it('lists one address for odd and two for even customers, the default first', async () => {
      const rows = await addressesByCustomers(testDb.db, [3, 4]);
      expect(rows.map((r) => [r.customerId, r.id, r.country, r.isDefault])).toEqual([
        [3, 31, 'DE', true],
        [4, 41, 'GB', true],
        [4, 42, 'US', false],
      ]);
    });
  });

  describe('wishlistItemsByCustomers', () => {
    it('lists each wishlist newest first with UTC ISO timestamps', async () => {
      const rows = await wishlistItemsByCustomers(testDb.db, [3, 7]);
      expect(rows.map((r) => [r.customerId, r.productId])).toEqual([
        [3, 112],
        [3, 213],
        [3, 314],
      ]);
      expect(rows[0]?.addedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(rows[0]!.addedAt)).toBeGreaterThan(Date.parse(rows[1]!.addedAt));
    });
  });

  describe('wishlist writes', () => {
    it('adds once, removes, and ignores removing an absent product', async () => {
      await insertWishlistItem(testDb.db, 10, 5);
      await insertWishlistItem(testDb.db, 10, 5);
      expect(await lockWishlist(testDb.db, 10, 5)).toEqual({ count: 4, present: true });
      await deleteWishlistItem(testDb.db, 10, 5);
      await deleteWishlistItem(testDb.db, 10, 5);
      expect(await lockWishlist(testDb.db, 10, 5)).toEqual({ count: 3, present: false });
    });

    it('reports no wishlist state for an unknown customer', async () => {
      expect(await lockWishlist(testDb.db, 999, 5)).toBeNull();
    });
  });

  describe('createLoaders', () => {
    it('answers inViewerWishlist for a batch of products with one statement', async () => {
      const statements: string[] = [];
      const db = observeStatements(testDb.db, (sql) => statements.push(sql));
      const loaders = createLoaders(db, requestAs('3'));
      expect(await Promise.all([112, 1, 314, 213].map((id) => loaders.inViewerWishlist.load(id)))).toEqual([
        true,
        false,
        true,
        true,
      ]);
      expect(statements).toHaveLength(1);
    });

    it('answers false for every product without a statement when anonymous', async () => {
      const statements: string[] = [];
      const loaders = createLoaders(
        observeStatements(testDb.db, (sql) => statements.push(sql)),
        requestAs(null),
      );
      expect(await loaders.inViewerWishlist.loadMany([112, 213])).toEqual([false, false]);
      expect(statements).toEqual([]);
    });

    it('yields null from customerById for an unknown id and the row for a known one', async () => {
      const loaders = createLoaders(testDb.db, requestAs(null));
      const [known, unknown] = await Promise.all([
        loaders.customerById.load(5),
        loaders.customerById.load(4000),
      ]);
      expect(known?.email).toBe('emma.richter.5@example.com');
      expect(unknown).toBeNull();
    });
  });
});
