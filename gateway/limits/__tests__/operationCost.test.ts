import { buildSchema, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_LIST_SIZE, operationCost, operationCostBreakdown } from '../operationCost.js';
import { loadApiSchema, loadDeclaredCosts, readPageOperation } from './support/pageOperations.js';

const LIST_SIZE = `
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
`;

const schema = buildSchema(`
  ${LIST_SIZE}
  type Query {
    shop: Shop
    products(first: Int = 24, after: String): ProductConnection! @listSize(slicingArguments: ["first"])
    search(limit: Int): [Product!]! @listSize(slicingArguments: ["limit"])
    unsized(first: Int, limit: Int, pageSize: Int): [Product!]!
  }
  type Shop { name: String, featured: [Product!]! }
  type ProductConnection { totalCount: Int!, edges: [ProductEdge!]!, nodes: [Product!]! }
  type ProductEdge { cursor: String!, node: Product! }
  type Product {
    id: ID!
    name: String
    tags: [String!]!
    badges: [Badge!]!
    reviews(first: Int = 5): [Review!] @listSize(slicingArguments: ["first"])
    related(limit: Int = 8): [Product!]! @listSize(slicingArguments: ["limit"])
  }
  type Badge { code: String }
  type Review { id: ID!, rating: Int }
`);

const abstractSchema = buildSchema(`
  ${LIST_SIZE}
  type Query { feed(limit: Int): [Entry!]! @listSize(slicingArguments: ["limit"]), article: Article }
  interface Entry { id: ID! }
  type Article implements Entry { id: ID!, title: String, body: String }
  type Gallery implements Entry { id: ID!, photos(limit: Int): [Photo!]! @listSize(slicingArguments: ["limit"]) }
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

  it('multiplies the fields inside a list nothing sizes by the default list size of 5', () => {
    expect(DEFAULT_LIST_SIZE).toBe(5);
    // shop 1 + featured 1 + 5 × (id + name)
    expect(cost('{ shop { featured { id name } } }')).toBe(12);
    const document = parse('{ shop { featured { id name } } }');
    const options = { defaultListSize: 40 };
    expect(operationCost(schema, document, getOperationAST(document)!, {}, options)).toBe(2 + 40 * 2);
  });

  it('takes no size from an argument the schema does not declare as slicing, whatever its name', () => {
    expect(cost('{ unsized(first: 1000, limit: 1000, pageSize: 1000) { id } }')).toBe(1 + 5);
    expect(cost('query U($n: Int = 900) { unsized(first: $n) { id } }', { n: 800 })).toBe(1 + 5);
  });

  it('weighs a list by its size argument given literally', () => {
    expect(cost('{ search(limit: 3) { id name } }')).toBe(1 + 3 * 2);
    expect(cost('{ search(limit: 0) { id name } }')).toBe(1);
  });

  it('reads a size from a variable, else from its default in the operation, else from the schema', () => {
    const query = 'query Q($n: Int = 7) { search(limit: $n) { id } }';
    expect(cost(query, { n: 40 })).toBe(41);
    expect(cost(query)).toBe(8);
    expect(cost('query Q($n: Int) { search(limit: $n) { id } }')).toBe(1 + 5);
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
    // 5 featured × 8 related × 5 badges
    expect(cost('{ shop { featured { related { badges { code } } } } }')).toBe(1 + 1 + 5 * (1 + 8 * (1 + 5)));
  });

  it('counts fragments where they are spread, with the enclosing multipliers', () => {
    const query = `
      query { search(limit: 4) { ...P } shop { featured { ...P } } }
      fragment P on Product { id ... on Product { name } }
    `;
    expect(cost(query)).toBe(1 + 4 * 2 + 1 + 1 + 5 * 2);
  });

  it('computes a fragment spread many times over once, so fragment bombs stay cheap to measure', () => {
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Product { ${i === 29 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`,
    ).join('\n');
    // Measured spread by spread, this would walk 2^29 fields and the test would not finish.
    expect(cost(`{ search(limit: 1) { ...F0 } } ${fragments}`)).toBe(1 + 2 ** 29);
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

  it('breaks the cost down by response path, most expensive first, the shares adding up to the cost', () => {
    const query = `{
      shop { name }
      top: search(limit: 3) { id reviews(first: 4) { rating } ...Tags }
    }
    fragment Tags on Product { tags }`;
    const document = parse(query);
    const breakdown = operationCostBreakdown(schema, document, getOperationAST(document)!);
    expect(breakdown).toEqual({
      cost: cost(query),
      fields: [
        { path: 'top.reviews.rating', cost: 12 },
        { path: 'top.id', cost: 3 },
        { path: 'top.reviews', cost: 3 },
        { path: 'top.tags', cost: 3 },
        { path: 'shop', cost: 1 },
        { path: 'shop.name', cost: 1 },
        { path: 'top', cost: 1 },
      ],
      // top: 1 + 3 × (id 1 + reviews (1 + 4 × rating 1) + tags 1); reviews: 3 × (1 + 4).
      lists: [
        { path: 'top', size: 3, cost: 22 },
        { path: 'top.reviews', size: 4, cost: 15 },
      ],
    });
    expect(breakdown.fields.reduce((sum, field) => sum + field.cost, 0)).toBe(breakdown.cost);
  });

  it('breaks an abstract type down by its most expensive possible type only', () => {
    const query =
      '{ feed(limit: 2) { ... on Article { title } ... on Gallery { photos(limit: 3) { url } } } }';
    const document = parse(query);
    const {
      cost: total,
      fields,
      lists,
    } = operationCostBreakdown(abstractSchema, document, getOperationAST(document)!);
    expect(total).toBe(1 + 2 * (1 + 3));
    expect(fields).toEqual([
      { path: 'feed.photos.url', cost: 6 },
      { path: 'feed.photos', cost: 2 },
      { path: 'feed', cost: 1 },
    ]);
    expect(lists).toEqual([
      { path: 'feed', size: 2, cost: 9 },
      { path: 'feed.photos', size: 3, cost: 8 },
    ]);
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
