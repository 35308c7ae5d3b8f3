import { MARKETS, type CurrencyCode } from '../../contracts/requestContext.js';
import type { Database } from '../shared/database/Database.js';
import { variantRowsSql, type SeedPlan } from '../shared/seedPlan.js';

/** Seeded exchange rates from the USD base price. */
const RATE_FROM_USD: Record<CurrencyCode, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

/**
 * Six promotions per market, timed relative to the moment of seeding: three running, two ended, one to come.
 * Each covers the products whose id ≡ (market's index in MARKETS) mod `every`. The ended and future ones take
 * more off, so a filter that let them through would put them first.
 */
const PROMOTION_SLOTS = [
  { title: 'Weekend deal', percentOff: 15, startsInDays: -2, endsInDays: 5, every: 7 },
  { title: 'Member week', percentOff: 25, startsInDays: -1, endsInDays: 30, every: 11 },
  { title: 'Clearance', percentOff: 40, startsInDays: -30, endsInDays: 1, every: 13 },
  { title: 'Summer sale', percentOff: 50, startsInDays: -60, endsInDays: -1, every: 5 },
  { title: 'Flash sale', percentOff: 60, startsInDays: -10, endsInDays: -3, every: 4 },
  { title: 'Spring preview', percentOff: 30, startsInDays: 2, endsInDays: 20, every: 3 },
] as const;

// A price with a retail ending: the whole part plus .49 or .99, whichever is the next above.
const retail = (x: string) => `floor(${x}) + CASE WHEN ${x} - floor(${x}) >= 0.5 THEN 0.99 ELSE 0.49 END`;

/**
 * Prices every variant of the plan in every market and seeds the promotions. A product's USD base lies in
 * 5.00..499.99 (from its id); its variants cost 0.92 to 1.08 times that; other markets convert at
 * `RATE_FROM_USD`. One variant in six is reduced from a compare-at price about 25% higher: those with
 * (product id / 4 + variant index) ≡ 0 mod 6, a rule independent of the variant count (id mod 4).
 */
export async function seed(db: Database, plan: SeedPlan): Promise<void> {
  await db.query(
    `WITH base AS (
       SELECT v.product_id, v.variant_id, v.variant_index,
         (5 + (v.product_id * 7919) % 49500 / 100.0)
           * (0.92 + ((v.variant_index * 3 + v.product_id) % 5) * 0.04) AS usd
       FROM (${variantRowsSql(plan)}) AS v
     ), priced AS (
       SELECT b.product_id, b.variant_id, b.variant_index, m.market, m.currency,
         ${retail('b.usd * m.rate')} AS amount
       FROM base b CROSS JOIN unnest($1::text[], $2::text[], $3::numeric[]) AS m(market, currency, rate)
     )
     INSERT INTO pricing.price (variant_id, product_id, market, currency, amount, compare_at_amount)
     SELECT variant_id, product_id, market, currency, amount,
       CASE WHEN (product_id / 4 + variant_index) % 6 = 0 THEN floor(amount * 1.25) + 0.99 END
     FROM priced`,
    [
      MARKETS.map((m) => m.code),
      MARKETS.map((m) => m.currency),
      MARKETS.map((m) => RATE_FROM_USD[m.currency]),
    ],
  );

  const promotions = MARKETS.flatMap((market, marketIndex) =>
    PROMOTION_SLOTS.map((slot, slotIndex) => ({
      ...slot,
      id: marketIndex * PROMOTION_SLOTS.length + slotIndex + 1,
      market: market.code,
      percentOff: slot.percentOff + marketIndex * 5,
      residue: marketIndex,
    })),
  );
  const column = <K extends keyof (typeof promotions)[number]>(key: K) => promotions.map((p) => p[key]);
  await db.query(
    `INSERT INTO pricing.promotion (id, market, title, percent_off, starts_at, ends_at)
     SELECT id, market, title, percent_off, now() + starts * interval '1 day', now() + ends * interval '1 day'
     FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
       AS p(id, market, title, percent_off, starts, ends)`,
    [
      column('id'),
      column('market'),
      column('title'),
      column('percentOff'),
      column('startsInDays'),
      column('endsInDays'),
    ],
  );
  await db.query(
    `INSERT INTO pricing.promotion_product (promotion_id, product_id)
     SELECT p.id, product_id
     FROM unnest($1::int[], $2::int[], $3::int[]) AS p(id, every, residue)
     CROSS JOIN generate_series(1, $4::int) AS product_id
     WHERE product_id % p.every = p.residue`,
    [column('id'), column('every'), column('residue'), plan.products],
  );
}
