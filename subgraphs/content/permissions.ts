import { allow, type IRules } from 'graphql-shield';
import { isAdmin } from '../shared/rules.js';

/**
 * Who may read and change what (graphql-shield; see shared/rules.ts). Content is public: every read is `allow`,
 * which reads no viewer, so answers stay shared in the gateway's cache (blocks vary by segment, read by their
 * resolvers, not by a rule). Publishing is for admins. A field missing here is denied: list new fields, and each
 * new `Block` type (shield guards object types; the interface has no rules of its own).
 */
export const permissions = {
  Query: {
    page: allow,
    // Federation: the gateway reads the SDL and resolves Product, Category and Page references.
    _service: allow,
    _entities: allow,
  },
  Mutation: { publishEditorial: isAdmin },
  Page: { id: allow, slug: allow, locale: allow, title: allow, blocks: allow },
  HeroBlock: {
    id: allow,
    title: allow,
    subtitle: allow,
    imageUrl: allow,
    ctaLabel: allow,
    ctaUrl: allow,
  },
  RichTextBlock: { id: allow, html: allow },
  ProductCarouselBlock: { id: allow, title: allow, products: allow },
  CategoryTilesBlock: { id: allow, title: allow, categories: allow },
  Product: { id: allow, editorial: allow, badges: allow, reviewSummary: allow, reviews: allow },
  Category: { id: allow, landingPage: allow },
  Editorial: { productId: allow, locale: allow, headline: allow, body: allow },
  Badge: { code: allow, label: allow },
  ReviewSummary: { averageRating: allow, count: allow },
  Review: { id: allow, rating: allow, title: allow, body: allow, authorName: allow, createdAt: allow },
  _Service: { sdl: allow },
} satisfies IRules;
