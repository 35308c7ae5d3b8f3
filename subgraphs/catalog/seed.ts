import type { Database } from '../shared/database/Database.js';
import { variantRowsSql, type SeedPlan } from '../shared/seedPlan.js';
import { ADJECTIVES, BRANDS, COLOURS, MATERIALS, MODELS, SIZES, kebab } from './seedNames.js';
import { seedTree } from './seedTree.js';

/**
 * Fills the catalog from the plan, set-based: one statement per table. Product `id` is listed in leaf
 * `(id - 1) % 128` (and every 5th also in a second leaf of the same department), has brand `1 + id * 13 % 40`,
 * `1 + id % 4` variants (`variantRowsSql`) and `1 + id * 3 % 4` images.
 */
export async function seed(db: Database, plan: SeedPlan): Promise<void> {
  const { categories, leaves } = seedTree();
  await db.query(
    `INSERT INTO catalog.category (id, parent_id, name, slug, position, depth)
     SELECT * FROM json_to_recordset($1::json)
       AS c(id int, parent_id int, name text, slug text, position int, depth int)`,
    [JSON.stringify(categories)],
  );
  await db.query(
    `INSERT INTO catalog.brand (id, name, slug)
     SELECT b.id, b.name, b.slug FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS b(name, slug, id)`,
    [BRANDS, BRANDS.map(kebab)],
  );

  // Words are picked by id arithmetic: products of one leaf differ in adjective first, then in model.
  await db.query(
    `INSERT INTO catalog.product
       (id, sku, slug, name, description, brand_id, weight_grams, popularity, created_at, search)
     WITH picked AS (
       SELECT id,
         ($1::text[])[1 + (id - 1) % cardinality($1::text[])] AS noun,
         ($2::text[])[1 + (id - 1) / cardinality($1::text[]) % cardinality($2::text[])] AS adjective,
         ($3::text[])[1 + (id - 1) / cardinality($1::text[]) / cardinality($2::text[]) % cardinality($3::text[])]
           AS model,
         ($4::text[])[1 + id % cardinality($4::text[])] AS material,
         ($5::text[])[1 + id % cardinality($5::text[])] AS colour,
         1 + id * 13 % $6::int AS brand_id
       FROM generate_series(1, $7::int) AS id
     ), named AS (
       SELECT picked.*, adjective || ' ' || noun || ' ' || model AS name,
         'Made of ' || lower(material) || ' and finished in ' || lower(colour) || ', the ' || adjective || ' '
           || noun || ' ' || model || ' is built for everyday use and easy to care for.' AS description
       FROM picked
     )
     SELECT n.id, 'SKU-' || lpad(n.id::text, greatest(6, length(n.id::text)), '0'),
       lower(regexp_replace(n.name, '[^A-Za-z0-9]+', '-', 'g')) || '-' || n.id, n.name, n.description, n.brand_id,
       100 + n.id * 137 % 19901, n.id * 7919 % 10007, now() - (n.id % 365) * interval '1 day',
       to_tsvector('simple', n.name || ' ' || n.description || ' ' || b.name)
     FROM named n JOIN catalog.brand b ON b.id = n.brand_id`,
    [leaves.map((l) => l.noun), ADJECTIVES, MODELS, MATERIALS, COLOURS, BRANDS.length, plan.products],
  );
  await db.query(
    `INSERT INTO catalog.product_category (product_id, category_id, position)
     SELECT p.id, ($1::int[])[1 + (p.id - 1) % cardinality($1::int[])], 1 FROM catalog.product p
     UNION ALL
     SELECT p.id, ($2::int[])[1 + (p.id - 1) % cardinality($2::int[])], 2 FROM catalog.product p WHERE p.id % 5 = 0`,
    [leaves.map((l) => l.id), leaves.map((l) => l.secondId)],
  );
  await db.query(
    `INSERT INTO catalog.product_image (product_id, position, url, alt, width, height)
     SELECT p.id, n, 'https://images.example.com/products/' || p.id || '/' || n || '.jpg',
       p.name || ', view ' || n, 1200, CASE WHEN n = 1 THEN 1200 ELSE 900 END
     FROM catalog.product p CROSS JOIN LATERAL generate_series(1, 1 + p.id * 3 % 4) AS n`,
  );
  // The same picks as the product's description, so the attributes agree with it.
  await db.query(
    `INSERT INTO catalog.product_attribute (product_id, position, name, value)
     SELECT p.id, a.position, a.name, a.value
     FROM catalog.product p CROSS JOIN LATERAL (VALUES
       (1, 'Material', ($1::text[])[1 + p.id % cardinality($1::text[])]),
       (2, 'Colour', ($2::text[])[1 + p.id % cardinality($2::text[])]),
       (3, 'Warranty', CASE WHEN p.id % 3 = 0 THEN '1 year' ELSE 1 + p.id % 3 || ' years' END)
     ) AS a(position, name, value)`,
    [MATERIALS, COLOURS],
  );
  await seedVariants(
    db,
    plan,
    leaves.map((l) => l.sized),
  );
}

/** Variants differ by size in sized departments and by colour elsewhere; the first colour is the product's own. */
async function seedVariants(db: Database, plan: SeedPlan, sizedLeaves: boolean[]): Promise<void> {
  const optionSql = `
    SELECT v.product_id, v.variant_id, v.variant_index,
      CASE WHEN ($1::boolean[])[1 + (v.product_id - 1) % cardinality($1::boolean[])] THEN 'Size' ELSE 'Colour' END
        AS option_name,
      CASE WHEN ($1::boolean[])[1 + (v.product_id - 1) % cardinality($1::boolean[])]
        THEN ($2::text[])[v.variant_index]
        ELSE ($3::text[])[1 + (v.product_id + v.variant_index - 1) % cardinality($3::text[])] END AS option_value
    FROM (${variantRowsSql(plan)}) AS v`;
  await db.query(
    `INSERT INTO catalog.variant (id, product_id, sku, name, position, weight_grams)
     SELECT o.variant_id, o.product_id, p.sku || '-' || o.variant_index, o.option_value, o.variant_index,
       p.weight_grams + (o.variant_index - 1) * 50
     FROM (${optionSql}) AS o JOIN catalog.product p ON p.id = o.product_id`,
    [sizedLeaves, SIZES, COLOURS],
  );
  await db.query(
    `INSERT INTO catalog.variant_option (variant_id, position, name, value)
     SELECT o.variant_id, 1, o.option_name, o.option_value FROM (${optionSql}) AS o`,
    [sizedLeaves, SIZES, COLOURS],
  );
}
