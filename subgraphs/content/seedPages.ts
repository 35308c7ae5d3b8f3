import { LOCALES, type Locale } from '../../contracts/requestContext.js';
import { CATEGORY_IDS, CATEGORY_TREE, type SeedPlan } from '../shared/seedPlan.js';
import type { BlockData, BlockKind } from './db.js';

type SeedPage = { id: number; slug: string; locale: Locale; title: string; category_id: number | null };
type SeedBlock = {
  id: number;
  page_id: number;
  position: number;
  segment: string | null;
  kind: BlockKind;
  data: unknown;
};

/** The words of the seeded pages, per locale. */
const COPY = {
  'en-US': {
    home: 'Home',
    hero: ['New season, new favourites', 'Fresh picks across every department', 'Shop now'],
    vipHero: ['VIP early access', 'Shop the new collection before anyone else', 'Shop early'],
    newHero: ['Welcome! Enjoy 10% off your first order', 'Use code WELCOME10 at checkout', 'Start shopping'],
    shipping: '<p>Free shipping on orders over 50 and free returns for 30 days.</p>',
    trending: 'Trending',
    vipPicks: 'Picked for our VIPs',
    departments: 'Shop by department',
    newArrivals: 'New arrivals',
    department: 'Department',
    popular: 'Popular right now',
  },
  'de-DE': {
    home: 'Startseite',
    hero: ['Neue Saison, neue Lieblingsstücke', 'Frische Auswahl aus allen Abteilungen', 'Jetzt einkaufen'],
    vipHero: ['VIP-Vorabzugang', 'Die neue Kollektion vor allen anderen', 'Vorab einkaufen'],
    newHero: ['Willkommen! 10 % Rabatt auf Ihre erste Bestellung', 'Code WELCOME10 an der Kasse', 'Loslegen'],
    shipping: '<p>Kostenloser Versand ab 50 und 30 Tage kostenlose Rückgabe.</p>',
    trending: 'Im Trend',
    vipPicks: 'Für unsere VIPs ausgewählt',
    departments: 'Nach Abteilung einkaufen',
    newArrivals: 'Neuheiten',
    department: 'Abteilung',
    popular: 'Gerade beliebt',
  },
} satisfies Record<Locale, unknown>;

/** 12 product ids of the plan: `start`, then every `step`-th, wrapping around. */
function productIds(plan: SeedPlan, start: number, step: number): number[] {
  return Array.from({ length: 12 }, (_, k) => ((start + k * step) % plan.products) + 1);
}

function hero([title, subtitle, cta_label]: string[], slug: string, cta_url: string): BlockData['hero'] {
  return { title: title!, subtitle: subtitle!, image_url: `/images/hero/${slug}.jpg`, cta_label, cta_url };
}

/**
 * The seeded pages and their blocks, with ids in build order:
 * - `home` per locale: hero, shipping note, "Trending" carousel, department tiles, "New arrivals" carousel;
 *   `vip` viewers get their own hero and carousel, `new` viewers a welcome hero;
 * - `department-<d>` per locale and department, the landing page of category `CATEGORY_IDS.department(d)`;
 * - `gift-guide` in en-US only, so other locales fall back to it.
 */
export function seedPages(plan: SeedPlan): { pages: SeedPage[]; blocks: SeedBlock[] } {
  const pages: SeedPage[] = [];
  const blocks: SeedBlock[] = [];
  function page(slug: string, locale: Locale, title: string, categoryId: number | null = null) {
    const pageId = pages.length + 1;
    pages.push({ id: pageId, slug, locale, title, category_id: categoryId });
    return <K extends BlockKind>(
      position: number,
      kind: K,
      data: BlockData[K],
      segment: string | null = null,
    ) => blocks.push({ id: blocks.length + 1, page_id: pageId, position, segment, kind, data });
  }
  const departments = Array.from({ length: CATEGORY_TREE.roots }, (_, i) => i + 1);

  for (const locale of LOCALES) {
    const copy = COPY[locale];
    const block = page('home', locale, copy.home);
    block(1, 'hero', hero(copy.hero, 'home', '/new'));
    block(1, 'hero', hero(copy.vipHero, 'vip', '/vip'), 'vip');
    block(1, 'hero', hero(copy.newHero, 'welcome', '/welcome'), 'new');
    block(2, 'rich_text', { html: copy.shipping });
    block(3, 'product_carousel', { title: copy.trending, product_ids: productIds(plan, 0, 7) });
    block(3, 'product_carousel', { title: copy.vipPicks, product_ids: productIds(plan, 300, 11) }, 'vip');
    block(4, 'category_tiles', {
      title: copy.departments,
      category_ids: departments.map(CATEGORY_IDS.department),
    });
    block(5, 'product_carousel', {
      title: copy.newArrivals,
      product_ids: productIds(plan, plan.products - 12, 1),
    });

    for (const d of departments) {
      const title = `${copy.department} ${d}`;
      const landing = page(`department-${d}`, locale, title, CATEGORY_IDS.department(d));
      landing(1, 'hero', hero([title, copy.popular, copy.hero[2]!], `department-${d}`, `/c/department-${d}`));
      landing(2, 'product_carousel', { title: copy.popular, product_ids: productIds(plan, d * 97, 13) });
    }
  }
  const guide = page('gift-guide', 'en-US', 'Gift guide');
  guide(
    1,
    'hero',
    hero(['Gifts they will love', 'Ideas for every budget', 'Find a gift'], 'gift-guide', '/gifts'),
  );
  guide(2, 'rich_text', { html: '<p>Not sure what to choose? Every order can be returned for 30 days.</p>' });
  return { pages, blocks };
}
