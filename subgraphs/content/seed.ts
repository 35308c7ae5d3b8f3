import type { Database } from '../shared/database/Database.js';
import type { SeedPlan } from '../shared/seedPlan.js';
import { seedPages } from './seedPages.js';

const BADGES = ['NEW', 'BESTSELLER', 'ECO', 'LIMITED'];
const BADGE_LABELS = {
  'en-US': ['New', 'Bestseller', 'Eco-friendly', 'Limited edition'],
  'de-DE': ['Neu', 'Bestseller', 'Umweltfreundlich', 'Limitierte Auflage'],
};
// prettier-ignore
const HEADLINES = {
  'en-US': ['Built to last', "Our editors' pick", 'Small detail, big difference', 'Made for every day',
    'The one we keep coming back to', 'Quietly brilliant'],
  'de-DE': ['Gemacht für die Ewigkeit', 'Die Wahl der Redaktion', 'Kleines Detail, großer Unterschied',
    'Für jeden Tag gemacht', 'Unser heimlicher Favorit', 'Einfach brillant'],
};
// prettier-ignore
const BODIES = {
  'en-US': ['We used it for a month and it still looks new.', 'Thoughtful design that earns its place.',
    'Simple to use, hard to put down.', 'Good materials, honest price.'],
  'de-DE': ['Nach einem Monat im Einsatz sieht es noch aus wie neu.', 'Durchdachtes Design, das überzeugt.',
    'Einfach zu benutzen, schwer wegzulegen.', 'Gute Materialien, ehrlicher Preis.'],
};
/** Ratings cycle through this list, skewed high as real reviews are. */
const RATINGS = [5, 4, 5, 3, 4, 5, 2, 4, 5, 1, 4, 3];
/** Review title by rating (1 to 5). */
const REVIEW_TITLES = ['Disappointing', 'Not for me', 'It is okay', 'Really good', 'Love it'];
// prettier-ignore
const REVIEW_BODIES = ['Arrived quickly and works as described.', 'The quality is better than the photos.',
  'I would buy it again.', 'Smaller than I expected.', 'Exactly what I was looking for.'];
const AUTHORS = ['Anna K.', 'Ben T.', 'Carla M.', 'Deniz Y.', 'Erik S.', 'Fatima R.', 'Georg L.', 'Hana W.'];

/**
 * Seeds pages (see `seedPages`) and, for products 1..plan.products, deterministically:
 * - editorial in en-US for even ids, in de-DE for multiples of 3 (de-DE falls back to en-US for 2, 4, 8…);
 * - badges for ids ≡ 1 (mod 3): `BADGES[(p / 3) % 4]`, plus the next code for ids ≡ 1 (mod 9);
 * - reviews: `(p * 7) % 9` for even ids, `p % 4` for odd ones (0 to 8, 3 on average); review `k` of
 *   product `p` has id `p * 10 + k`, rating `RATINGS[(p * 7 + k * 3) % 12]` and was written
 *   `k * 9 + p % 7` days ago (k = 1 is the newest).
 */
export async function seed(db: Database, plan: SeedPlan): Promise<void> {
  const { pages, blocks } = seedPages(plan);
  await db.query(
    `INSERT INTO content.page (id, slug, locale, title, category_id)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS p(id int, slug text, locale text, title text, category_id int)`,
    [JSON.stringify(pages)],
  );
  await db.query(
    `INSERT INTO content.block (id, page_id, position, segment, kind, data)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS b(id int, page_id int, position smallint, segment text, kind text, data jsonb)`,
    [JSON.stringify(blocks)],
  );
  await db.query(
    `INSERT INTO content.badge_label (code, locale, label)
     SELECT code, 'en-US', en FROM unnest($1::text[], $2::text[]) AS l(code, en)
     UNION ALL SELECT code, 'de-DE', de FROM unnest($1::text[], $3::text[]) AS l(code, de)`,
    [BADGES, BADGE_LABELS['en-US'], BADGE_LABELS['de-DE']],
  );
  await db.query(
    `INSERT INTO content.editorial (product_id, locale, headline, body, updated_at)
     SELECT p, 'en-US', ($2::text[])[1 + p % cardinality($2::text[])],
            ($3::text[])[1 + p % cardinality($3::text[])], now() - make_interval(days => p % 90)
     FROM generate_series(2, $1::int, 2) AS p
     UNION ALL
     SELECT p, 'de-DE', ($4::text[])[1 + p % cardinality($4::text[])],
            ($5::text[])[1 + p % cardinality($5::text[])], now() - make_interval(days => p % 90)
     FROM generate_series(3, $1::int, 3) AS p`,
    [plan.products, HEADLINES['en-US'], BODIES['en-US'], HEADLINES['de-DE'], BODIES['de-DE']],
  );
  await db.query(
    `INSERT INTO content.badge (product_id, code, position)
     SELECT p, ($2::text[])[1 + (p / 3 + n - 1) % cardinality($2::text[])], n
     FROM generate_series(1, $1::int, 3) AS p
     CROSS JOIN LATERAL generate_series(1, CASE WHEN p % 9 = 1 THEN 2 ELSE 1 END) AS n`,
    [plan.products, BADGES],
  );
  await db.query(
    `INSERT INTO content.review (id, product_id, rating, title, body, author_name, created_at)
     SELECT p * 10 + k, p, rating, ($3::text[])[rating],
            ($4::text[])[1 + (p * 3 + k) % cardinality($4::text[])],
            ($5::text[])[1 + (p * 5 + k * 7) % cardinality($5::text[])],
            now() - make_interval(days => k * 9 + p % 7, hours => (p + k) % 24)
     FROM generate_series(1, $1::int) AS p
     CROSS JOIN LATERAL generate_series(1, CASE WHEN p % 2 = 0 THEN (p * 7) % 9 ELSE p % 4 END) AS k
     CROSS JOIN LATERAL (SELECT ($2::int[])[1 + (p * 7 + k * 3) % cardinality($2::int[])] AS rating) AS r`,
    [plan.products, RATINGS, REVIEW_TITLES, REVIEW_BODIES, AUTHORS],
  );
}
