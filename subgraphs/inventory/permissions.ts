import { allow, type IRules } from 'graphql-shield';
import { isAdmin } from '../shared/rules.js';

/**
 * Who may read and change what (graphql-shield; see shared/rules.ts). Stock is public: every read is `allow`,
 * which reads no viewer, so answers stay shared in the gateway's cache. Changing stock is for admins. A field
 * missing here is denied: list new fields.
 */
export const permissions = {
  Query: {
    warehouses: allow,
    // Federation: the gateway reads the SDL and resolves Product and ProductVariant references.
    _service: allow,
    _entities: allow,
  },
  Mutation: { adjustStock: isAdmin },
  Product: {
    id: allow,
    // External (the catalog's): the gateway sends it in representations; listed so that no field is left out.
    weightGrams: allow,
    availability: allow,
    shippingEstimate: allow,
  },
  ProductVariant: { id: allow, availability: allow },
  Availability: { inStock: allow, quantity: allow, warehouses: allow },
  StockLevel: { warehouse: allow, quantity: allow, inStock: allow },
  Warehouse: { code: allow, name: allow, country: allow },
  ShippingEstimate: { minDays: allow, maxDays: allow, warehouse: allow },
  _Service: { sdl: allow },
} satisfies IRules;
