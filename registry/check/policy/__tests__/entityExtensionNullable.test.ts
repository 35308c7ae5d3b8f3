import { entityExtensionNullable } from '../entityExtensionNullable.js';
import { policyContext, type Sdl } from './support/policyContext.js';

const BASELINE: Sdl = {
  catalog: `
    type Query { product(id: ID!): Product }
    type Product @key(fields: "id") { id: ID! name: String! weight: Int! }
  `,
  pricing: `
    type Product @key(fields: "id") { id: ID! price: Int }
  `,
};

const withPricing = (fields: string): Sdl => ({
  ...BASELINE,
  pricing: BASELINE['pricing']!.replace('price: Int', `price: Int ${fields}`),
});

describe('the entity-extension-nullable rule', () => {
  it("fires on a non-null field a subgraph adds to another subgraph's entity, naming the owner", () => {
    expect(entityExtensionNullable.check(policyContext(BASELINE, withPricing('currency: String!')))).toEqual([
      {
        subgraph: 'pricing',
        coordinate: 'Product.currency',
        message: expect.stringMatching(
          /^pricing adds Product\.currency: String! to the entity Product, which catalog owns: .* must be nullable/,
        ) as string,
      },
    ]);
  });

  it('fires on a new extending subgraph too', () => {
    const proposed = { ...BASELINE, stock: 'type Product @key(fields: "id") { id: ID! inStock: Boolean! }' };
    expect(entityExtensionNullable.check(policyContext(BASELINE, proposed))).toEqual([
      expect.objectContaining({ subgraph: 'stock', coordinate: 'Product.inStock' }),
    ]);
  });

  it('does not fire on nullable fields, key fields, @external fields or fields the owner adds', () => {
    expect(entityExtensionNullable.check(policyContext(BASELINE, withPricing('currency: String')))).toEqual(
      [],
    );
    const requires = withPricing('weight: Int! @external shipping: Int @requires(fields: "weight")');
    expect(entityExtensionNullable.check(policyContext(BASELINE, requires))).toEqual([]);
    const owner = {
      ...BASELINE,
      catalog: BASELINE['catalog']!.replace('weight: Int!', 'weight: Int! slug: String!'),
    };
    expect(entityExtensionNullable.check(policyContext(BASELINE, owner))).toEqual([]);
  });

  it('does not judge non-null fields that were there before the change', () => {
    const existing = withPricing('currency: String!');
    const later = {
      ...existing,
      pricing: existing['pricing']!.replace('price: Int', 'price: Int note: String'),
    };
    expect(entityExtensionNullable.check(policyContext(existing, later))).toEqual([]);
  });
});
