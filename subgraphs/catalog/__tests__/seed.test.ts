import { CATEGORY_IDS, variantCount, variantId } from '../../shared/seedPlan.js';
import { seedForTest } from '../../shared/testing/seedForTest.js';
import { TEST_SEED_PLAN } from '../../shared/testing/subgraphHarness.js';
import { describeEachDatabase } from '../../shared/testing/testDatabases.js';
import { catalog } from '../index.js';

describeEachDatabase('catalog seed', (target) => {
  const seeded = seedForTest(catalog, target);

  it('builds the 8 × 4 × 4 category tree with the shared ids and unique readable slugs', async () => {
    const rows = await seeded.db.query<{
      id: number;
      parent_id: number | null;
      slug: string;
      depth: number;
    }>('SELECT id, parent_id, slug, depth FROM catalog.category ORDER BY id');
    expect(rows).toHaveLength(168);
    expect(rows.filter((r) => r.depth === 0).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(168);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const leaf = byId.get(CATEGORY_IDS.leaf(1, 1, 1));
    expect(leaf).toMatchObject({
      slug: 'outdoor-camping-tents',
      parent_id: CATEGORY_IDS.category(1, 1),
      depth: 2,
    });
    expect(byId.get(CATEGORY_IDS.category(1, 1))).toMatchObject({ slug: 'outdoor-camping', parent_id: 1 });
    expect(byId.get(CATEGORY_IDS.leaf(8, 4, 4))?.parent_id).toBe(CATEGORY_IDS.category(8, 4));
  });

  it('seeds every product of the plan with deterministic readable values', async () => {
    const [count] = await seeded.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog.product');
    expect(count?.n).toBe(TEST_SEED_PLAN.products);
    const [first] = await seeded.db.query(
      `SELECT p.sku, p.slug, p.name, p.description, p.weight_grams, p.popularity, b.name AS brand,
         extract(epoch FROM (SELECT created_at FROM catalog.product WHERE id = 365) - p.created_at)::int AS age
       FROM catalog.product p JOIN catalog.brand b ON b.id = p.brand_id WHERE p.id = 1`,
    );
    expect(first).toMatchObject({
      sku: 'SKU-000001',
      slug: 'classic-tent-alpha-1',
      name: 'Classic Tent Alpha',
      weight_grams: 237,
      popularity: 7919,
      brand: 'Nimbus',
      age: 86_400,
    });
    expect(first?.['description']).toContain('steel');
    const [bounds] = await seeded.db.query<{ brands: number; min_weight: number; max_weight: number }>(
      `SELECT (SELECT count(*)::int FROM catalog.brand) AS brands,
         min(weight_grams) AS min_weight, max(weight_grams) AS max_weight FROM catalog.product`,
    );
    expect(bounds?.brands).toBe(40);
    expect(bounds?.min_weight).toBeGreaterThanOrEqual(100);
    expect(bounds?.max_weight).toBeLessThanOrEqual(20_000);
  });

  it('lists each product in its leaf (id - 1) % 128, and every 5th also in a leaf of the same department', async () => {
    const rows = await seeded.db.query<{
      product_id: number;
      category_id: number;
      position: number;
      department: number;
    }>(
      `SELECT pc.product_id, pc.category_id, pc.position, parent.parent_id AS department
       FROM catalog.product_category pc
       JOIN catalog.category c ON c.id = pc.category_id JOIN catalog.category parent ON parent.id = c.parent_id
       ORDER BY pc.product_id, pc.position`,
    );
    const homes = rows.filter((r) => r.position === 1);
    expect(homes).toHaveLength(TEST_SEED_PLAN.products);
    for (const home of homes) {
      const i = (home.product_id - 1) % 128;
      expect(home.category_id).toBe(
        CATEGORY_IDS.leaf(Math.floor(i / 16) + 1, (Math.floor(i / 4) % 4) + 1, (i % 4) + 1),
      );
    }
    const seconds = rows.filter((r) => r.position === 2);
    expect(seconds.map((r) => r.product_id)).toEqual(
      homes.map((r) => r.product_id).filter((id) => id % 5 === 0),
    );
    for (const second of seconds) {
      expect(second.department).toBe(Math.floor(((second.product_id - 1) % 128) / 16) + 1);
    }
  });

  it('gives each product the shared variant ids, 1 to 4 images and 3 attributes', async () => {
    const variants = await seeded.db.query<{ id: number; product_id: number; sku: string }>(
      'SELECT id, product_id, sku FROM catalog.variant WHERE product_id <= 8 ORDER BY id',
    );
    const expected = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((p) =>
      Array.from({ length: variantCount(p) }, (_v, i) => variantId(p, i + 1)),
    );
    expect(variants.map((v) => v.id)).toEqual(expected);
    expect(variants.find((v) => v.id === 32)?.sku).toBe('SKU-000003-2');
    const [totals] = await seeded.db.query<{
      variants: number;
      options: number;
      min_images: number;
      max_images: number;
    }>(
      `SELECT (SELECT count(*)::int FROM catalog.variant) AS variants,
         (SELECT count(*)::int FROM catalog.variant_option) AS options,
         (SELECT min(n) FROM (SELECT count(*)::int AS n FROM catalog.product_image GROUP BY product_id) i) AS min_images,
         (SELECT max(n) FROM (SELECT count(*)::int AS n FROM catalog.product_image GROUP BY product_id) i) AS max_images`,
    );
    const allVariants = Array.from({ length: TEST_SEED_PLAN.products }, (_p, i) => variantCount(i + 1));
    expect(totals).toEqual({
      variants: allVariants.reduce((a, b) => a + b, 0),
      options: allVariants.reduce((a, b) => a + b, 0),
      min_images: 1,
      max_images: 4,
    });
    const attributes = await seeded.db.query(
      'SELECT name, value FROM catalog.product_attribute WHERE product_id = 1',
    );
    expect(attributes).toEqual([
      { name: 'Material', value: 'Steel' },
      { name: 'Colour', value: 'White' },
      { name: 'Warranty', value: '2 years' },
    ]);
  });

  it('sizes the variants of fashion products and colours the others', async () => {
    const options = await seeded.db.query<{ variant_id: number; name: string; value: string }>(
      `SELECT variant_id, name, value FROM catalog.variant_option
       WHERE variant_id IN (351, 352, 353, 354, 31) ORDER BY variant_id`,
    );
    expect(options).toEqual([
      { variant_id: 31, name: 'Colour', value: 'Olive' },
      { variant_id: 351, name: 'Size', value: 'S' },
      { variant_id: 352, name: 'Size', value: 'M' },
      { variant_id: 353, name: 'Size', value: 'L' },
      { variant_id: 354, name: 'Size', value: 'XL' },
    ]);
  });
});
