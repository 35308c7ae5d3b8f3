import { missingResolver } from '../missingResolver.js';
import { policyContext, type Sdl } from './support/policyContext.js';

const BASELINE: Sdl = {
  shop: `
    type Query { product(id: ID!): Product }
    type Product @key(fields: "id") { id: ID! name: String! weight: Int! }
  `,
  stock:
    'type Product @key(fields: "id") { id: ID! weight: Int! @external inStock: Boolean @requires(fields: "weight") }',
};
const PROPOSED: Sdl = {
  ...BASELINE,
  shop: BASELINE['shop']!.replace(
    'product(id: ID!): Product',
    'product(id: ID!): Product featured: [Product!] @listSize(assumedSize: 4)',
  ).replace('name: String!', 'name: String! subtitle: String'),
};
const RESOLVED = {
  // A resolver for Query.product, a row with id, name and weight; Query.featured and Product.subtitle are SDL only.
  shop: ['Query.product', 'Product.id', 'Product.name', 'Product.weight'],
  stock: ['Product.inStock', 'Product.id'],
};

describe('the missing-resolver rule', () => {
  it("fires on each field of a changed subgraph that neither a resolver nor the parent's properties resolve", () => {
    const findings = missingResolver.check(policyContext(BASELINE, PROPOSED, RESOLVED));
    expect(findings.map(({ subgraph, coordinate }) => `${subgraph} ${coordinate}`)).toEqual([
      'shop Product.subtitle',
      'shop Query.featured',
    ]);
    expect(findings[1]?.message).toMatch(/^Query\.featured has no resolver in shop/);
  });

  it('does not fire when the code resolves every field, on @external fields, nor without the code', () => {
    const complete = { ...RESOLVED, shop: [...RESOLVED.shop, 'Query.featured', 'Product.subtitle'] };
    expect(missingResolver.check(policyContext(BASELINE, PROPOSED, complete))).toEqual([]);
    // stock is not changed here; changed, its @external weight is no field of its own.
    const stockChanged = {
      ...BASELINE,
      stock: BASELINE['stock']!.replace('inStock: Boolean', 'inStock: Boolean!'),
    };
    expect(missingResolver.check(policyContext(BASELINE, stockChanged, RESOLVED))).toEqual([]);
    expect(missingResolver.check(policyContext(BASELINE, PROPOSED))).toEqual([]);
  });
});
