import { naming } from '../naming.js';
import { policyContext, type Sdl } from './support/policyContext.js';

const BASELINE: Sdl = {
  shop: `
    type Query { product(id: ID!): Product legacy_field: Int }
    type Product @key(fields: "id") { id: ID! name: String! sort: Sort }
    enum Sort { NEWEST }
  `,
};

describe('the naming rule', () => {
  it('fires on each added name off its convention: types, fields, arguments, enum values, input fields', () => {
    const proposed = {
      shop: BASELINE['shop']!.replace('enum Sort { NEWEST }', 'enum Sort { NEWEST, priceAsc }')
        .replace(
          'legacy_field: Int',
          'legacy_field: Int search(Text: String, filter: filter_input): [product_hit!] @listSize(assumedSize: 5)',
        )
        .concat('type product_hit { Score: Int }\ninput filter_input { min_price: Int }\n'),
    };
    const findings = naming.check(policyContext(BASELINE, proposed));
    expect(findings.map(({ coordinate, message }) => `${coordinate}: ${message}`).sort()).toEqual([
      'Query.search(Text:): argument Query.search(Text:): "Text" is not camelCase',
      'Sort.priceAsc: enum value Sort.priceAsc: "priceAsc" is not UPPER_CASE',
      'filter_input.min_price: input field filter_input.min_price: "min_price" is not camelCase',
      'filter_input: type filter_input: "filter_input" is not PascalCase',
      'product_hit.Score: field product_hit.Score: "Score" is not camelCase',
      'product_hit: type product_hit: "product_hit" is not PascalCase',
    ]);
    expect(naming.defaultSeverity).toBe('warn');
    expect(new Set(findings.map((finding) => finding.subgraph))).toEqual(new Set(['shop']));
  });

  it('does not fire on conventional names, nor on names the baseline already had', () => {
    const proposed = {
      shop: BASELINE['shop']!.replace(
        'name: String!',
        'name: String! displayName: String reviewCount(minStars: Int): Int',
      ),
    };
    expect(naming.check(policyContext(BASELINE, proposed))).toEqual([]);
  });
});
