import { allow, type IRules } from 'graphql-shield';
import { isAdmin } from '../shared/rules.js';

/**
 * Who may read and change what (graphql-shield; see shared/rules.ts). Prices are public: every read is `allow`,
 * which reads no viewer, so answers stay shared in the gateway's cache. Setting prices is for admins. A field
 * missing here is denied: list new fields.
 */
export const permissions = {
  Query: {
    // Federation: the gateway reads the SDL and resolves Product and ProductVariant references.
    _service: allow,
    _entities: allow,
  },
  Mutation: { setPrice: isAdmin },
  Product: { id: allow, price: allow, compareAtPrice: allow, priceRange: allow, promotions: allow },
  ProductVariant: { id: allow, price: allow, compareAtPrice: allow },
  // What `setPrice` answers; public like the prices it shows.
  VariantPrice: { variantId: allow, market: allow, price: allow, compareAtPrice: allow },
  Money: { amount: allow, currency: allow },
  PriceRange: { min: allow, max: allow },
  Promotion: { id: allow, title: allow, percentOff: allow, startsAt: allow, endsAt: allow },
  _Service: { sdl: allow },
} satisfies IRules;
