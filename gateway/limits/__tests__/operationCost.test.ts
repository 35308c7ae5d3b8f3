import { buildSchema, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { operationCost } from '../operationCost.js';
import { loadApiSchema, readPageOperation } from './support/pageOperations.js';

const schema = buildSchema(`
  type Query {
    shop: Shop
    products(first: Int = 24, after: String): ProductConnection!
    search(limit: Int): [Product!]!
  }
  type Shop { name: String, featured: [Product!]! }
  type ProductConnection { totalCount: Int!, edges: [ProductEdge!]!, nodes: [Product!]! }
  type ProductEdge { cursor: String!, node: Product! }
  type Product {
    id: ID!
    name: String
    tags: [String!]!
    badges: [Badge!]!
    reviews(first: Int = 5): [Review!]
    related(limit: Int = 8): [Product!]!
  }
  type Badge { code: String }
  type Review { id: ID!, rating: Int }
`);

function cost(query: string, variables: Record<string, unknown> = {}, on: GraphQLSchema = schema): number {
  const document = parse(query);
  return operationCost(on, document, getOperationAST(document)!, variables);
}

describe('operationCost', () => {
  it('charges 1 per field resolved once, nothing for __typename, and 1 for a list of scalars', () => {
    expect(cost('{ shop { name __typename } }')).toBe(2);
    expect(cost('{ search(limit: 1) { tags } }')).toBe(2);
  });

  it('multiplies the fields inside a list without a size argument by 10', () => {
    // shop 1 + featured 1 + 10 × (id + name)
    expect(cost('{ shop { featured { id name } } }')).toBe(22);
  });

  it('weighs a list by its size argument given literally', () => {
    expect(cost('{ search(limit: 3) { id name } }')).toBe(1 + 3 * 2);
    expect(cost('{ search(limit: 0) { id name } }')).toBe(1);
  });

  it('reads a size from a variable, else from its default in the operation, else from the schema', () => {
    const query = 'query Q($n: Int = 7) { search(limit: $n) { id } }';
    expect(cost(query, { n: 40 })).toBe(41);
    expect(cost(query)).toBe(8);
    expect(cost('query Q($n: Int) { search(limit: $n) { id } }')).toBe(11);
    expect(cost('{ search(limit: 2) { related { id } } }')).toBe(1 + 2 * (1 + 8));
  });

  it('gives a connection size to its edges and nodes, not to its own fields', () => {
    // products 1 + totalCount 1 + edges 1 + 24 × (cursor + node + id)
    expect(cost('{ products { totalCount edges { cursor node { id } } } }')).toBe(3 + 24 * 3);
    expect(cost('{ products(first: 2) { nodes { id } } }')).toBe(2 + 2);
  });

  it('multiplies nested lists together', () => {
    // search 1 + 5 × (reviews 1 + 3 × (id + rating))
    expect(cost('{ search(limit: 5) { reviews(first: 3) { id rating } } }')).toBe(1 + 5 * (1 + 3 * 2));
    // 10 featured × 8 related × 10 badges
    expect(cost('{ shop { featured { related { badges { code } } } } }')).toBe(
      1 + 1 + 10 * (1 + 8 * (1 + 10)),
    );
  });

  it('counts fragments where they are spread, with the enclosing multipliers', () => {
    const query = `
      query { search(limit: 4) { ...P } shop { featured { ...P } } }
      fragment P on Product { id ... on Product { name } }
    `;
    expect(cost(query)).toBe(1 + 4 * 2 + 1 + 1 + 10 * 2);
  });

  it('computes a fragment spread many times over once, so fragment bombs stay cheap to measure', () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Product { ${i === 29 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`,
    ).join('\n');
    const started = performance.now();
    expect(cost(`{ search(limit: 1) { ...F0 } } ${fragments}`)).toBe(1 + 2 ** 29);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('weighs a category page of 100 products far above one of 5', async () => {
    const apiSchema = await loadApiSchema();
    const { query, variables } = await readPageOperation('CategoryPage');
    const small = cost(query, { ...variables, first: 5 }, apiSchema);
    const large = cost(query, { ...variables, first: 100 }, apiSchema);
    // 95 for the category around the list, 38 for each product tile (10 badges assumed per product).
    expect(small).toBe(95 + 5 * 38);
    expect(large).toBe(95 + 100 * 38);
    expect(large).toBeGreaterThan(13 * small);
  });
});
