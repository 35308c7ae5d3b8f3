import { buildSchema, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { operationCost } from '../operationCost.js';
import { loadApiSchema, loadDeclaredCosts, readPageOperation } from './support/pageOperations.js';

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

const abstractSchema = buildSchema(`
  type Query { feed(limit: Int): [Entry!]!, article: Article }
  interface Entry { id: ID! }
  type Article implements Entry { id: ID!, title: String, body: String }
  type Gallery implements Entry { id: ID!, photos(limit: Int): [Photo!]! }
  type Video implements Entry { id: ID!, url: String }
  type Photo { url: String }
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

  it('costs an abstract type as its most expensive possible type, not the sum of the branches', () => {
    const query = `{
      feed(limit: 2) {
        id
        ... on Article { title body }
        ... on Gallery { photos(limit: 3) { url } }
        ...Video
      }
    }
    fragment Video on Video { url }`;
    // feed 1 + 2 × (id + the Gallery branch: photos 1 + 3 × url), not 2 × (id + 2 + 4 + 1)
    expect(cost(query, {}, abstractSchema)).toBe(1 + 2 * (1 + 4));
    // A fragment for another type than the object's own does not run on it.
    expect(
      cost('{ article { title ... on Gallery { photos(limit: 50) { url } } } }', {}, abstractSchema),
    ).toBe(2);
  });

  it('weighs a category page of 100 products far above one of 5', async () => {
    const [apiSchema, declared] = await Promise.all([loadApiSchema(), loadDeclaredCosts()]);
    const { query, variables } = await readPageOperation('CategoryPage');
    const pageOf = (first: number) => {
      const document = parse(query);
      return operationCost(
        apiSchema,
        document,
        getOperationAST(document)!,
        { ...variables, first },
        { declared },
      );
    };
    // 75 for the category around the list (the listing weighs 30), 26 for each product tile (4 badges at most).
    expect(pageOf(5)).toBe(75 + 5 * 26);
    expect(pageOf(100)).toBe(75 + 100 * 26);
    expect(pageOf(100)).toBeGreaterThan(13 * pageOf(5));
  });
});
