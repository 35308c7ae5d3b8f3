import { allow, type IRules } from 'graphql-shield';

/**
 * Who may read what (graphql-shield; see shared/rules.ts). The catalog is public: every field is `allow`, which
 * reads no viewer, so answers stay shared in the gateway's cache. A field missing here is denied: list new fields.
 */
export const permissions = {
  Query: {
    product: allow,
    category: allow,
    departments: allow,
    brand: allow,
    products: allow,
    // Federation: the gateway reads the SDL and resolves Product, ProductVariant, Category and Brand references.
    _service: allow,
    _entities: allow,
  },
  Product: {
    id: allow,
    sku: allow,
    name: allow,
    slug: allow,
    description: allow,
    brand: allow,
    categories: allow,
    images: allow,
    attributes: allow,
    weightGrams: allow,
    createdAt: allow,
    variants: allow,
    related: allow,
  },
  ProductVariant: { id: allow, sku: allow, name: allow, options: allow, weightGrams: allow, product: allow },
  VariantOption: { name: allow, value: allow },
  Image: { url: allow, alt: allow, width: allow, height: allow },
  Attribute: { name: allow, value: allow },
  Category: {
    id: allow,
    name: allow,
    slug: allow,
    parent: allow,
    children: allow,
    ancestors: allow,
    products: allow,
  },
  Brand: { id: allow, name: allow, slug: allow },
  ProductConnection: { edges: allow, nodes: allow, pageInfo: allow, totalCount: allow },
  ProductEdge: { cursor: allow, node: allow },
  PageInfo: { hasNextPage: allow, hasPreviousPage: allow, startCursor: allow, endCursor: allow },
  _Service: { sdl: allow },
} satisfies IRules;
