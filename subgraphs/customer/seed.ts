import type { Database } from '../shared/database/Database.js';
import { SEGMENTS, type SeedPlan } from '../shared/seedPlan.js';

// prettier-ignore
const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jonas',
  'Klara', 'Liam', 'Mia', 'Noah', 'Olivia', 'Paul', 'Quinn', 'Rosa', 'Sam', 'Tara',
];
// prettier-ignore
const LAST_NAMES = [
  'Smith', 'Weber', 'Jones', 'Fischer', 'Brown', 'Wagner', 'Taylor', 'Becker', 'Wilson', 'Hoffmann',
  'Evans', 'Schulz', 'Walker', 'Koch', 'Wright', 'Richter', 'Hall', 'Klein', 'Green', 'Wolf',
];
/** Address countries, and per country three streets and three cities (in country order). */
const COUNTRIES = ['US', 'DE', 'GB'];
// prettier-ignore
const STREETS = [
  'Main Street', 'Oak Avenue', 'Maple Drive', 'Hauptstraße', 'Bahnhofstraße', 'Gartenweg',
  'High Street', 'Church Road', 'Station Road',
];
const CITIES = ['Boston', 'Denver', 'Austin', 'Berlin', 'Hamburg', 'München', 'London', 'Leeds', 'Bristol'];

/**
 * Seeds customers 1..plan.customers, deterministically:
 * - customer c is FIRST_NAMES[(c - 1) % 20] LAST_NAMES[(c * 7) % 20], email `first.last.c@example.com`
 *   in lower case, segment `segmentOf(c)`;
 * - address 1 (the default) for everyone, address 2 for even c; address ids are `c * 10 + position`;
 * - a wishlist of `c % 7` products: item k (0-based, newest first) is product
 *   `((c * 37 + k * 101) % products) + 1`.
 */
export async function seed(db: Database, plan: SeedPlan): Promise<void> {
  await db.query(
    `INSERT INTO customer.customer (id, first_name, last_name, email, segment, created_at)
     SELECT c, first_name, last_name,
            lower(first_name || '.' || last_name || '.' || c || '@example.com'),
            ($3::text[])[1 + c % cardinality($3::text[])],
            now() - make_interval(days => $4::int - c)
     FROM generate_series(1, $4::int) AS c
     CROSS JOIN LATERAL (
       SELECT ($1::text[])[1 + (c - 1) % cardinality($1::text[])] AS first_name,
              ($2::text[])[1 + (c * 7) % cardinality($2::text[])] AS last_name
     ) AS name`,
    [FIRST_NAMES, LAST_NAMES, SEGMENTS, plan.customers],
  );
  await db.query(
    `INSERT INTO customer.address
       (id, customer_id, position, line1, line2, city, postal_code, country, is_default)
     SELECT c * 10 + pos, c, pos,
            CASE WHEN k = 1 THEN street || ' ' || house ELSE house || ' ' || street END,
            CASE WHEN (c + pos) % 4 = 0 THEN 'Apt ' || (1 + c % 30) END,
            ($2::text[])[1 + k * 3 + c % 3],
            CASE WHEN k = 2 THEN 'SW' || (1 + c % 20) || ' ' || (c % 9) || 'AB'
                 ELSE (10000 + (c * 37 + pos) % 90000)::text END,
            ($3::text[])[1 + k],
            pos = 1
     FROM generate_series(1, $4::int) AS c
     CROSS JOIN LATERAL generate_series(1, 1 + (c + 1) % 2) AS pos
     CROSS JOIN LATERAL (SELECT (c + pos) % 3 AS k) AS country
     CROSS JOIN LATERAL (
       SELECT ($1::text[])[1 + k * 3 + (c + pos) % 3] AS street, (1 + (c * 13 + pos * 7) % 250)::text AS house
     ) AS place`,
    [STREETS, CITIES, COUNTRIES, plan.customers],
  );
  await db.query(
    `INSERT INTO customer.wishlist_item (customer_id, product_id, added_at)
     SELECT c, (c * 37 + k * 101) % $2::int + 1, now() - make_interval(days => k + 1, hours => c % 24)
     FROM generate_series(1, $1::int) AS c
     CROSS JOIN LATERAL generate_series(0, c % 7 - 1) AS k
     ON CONFLICT (customer_id, product_id) DO NOTHING`,
    [plan.customers, plan.products],
  );
}
