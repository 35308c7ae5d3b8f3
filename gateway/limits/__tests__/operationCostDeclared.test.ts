import { buildSchema, getOperationAST, parse } from 'graphql';
import { operationCost } from '../operationCost.js';

const schema = buildSchema(`
  directive @listSize(
    assumedSize: Int
    slicingArguments: [String!]
    sizedFields: [String!]
    requireOneSlicingArgument: Boolean = true
  ) on FIELD_DEFINITION
  directive @cost(weight: Int!) on FIELD_DEFINITION

  type Query {
    me: Customer
    search(text: String, take: Int, first: Int): [Product!]! @listSize(slicingArguments: ["take"], assumedSize: 50)
    listing(first: Int = 24, last: Int): Connection!
      @listSize(slicingArguments: ["first", "last"], sizedFields: ["nodes"], requireOneSlicingArgument: false)
      @cost(weight: 10)
  }
  type Customer { wishlist: Wishlist }
  type Wishlist { items: [Product!]! @listSize(assumedSize: 100), count: Int }
  type Connection {
    nodes: [Product!]! @listSize(assumedSize: 100)
    facets: [Facet!]! @listSize(assumedSize: 5)
  }
  type Facet { name: String }
  type Product { id: ID!, related(limit: Int = 8): [Product!]! @listSize(slicingArguments: ["limit"]) }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables);
}

describe('operationCost with declared @listSize and @cost', () => {
  it('sizes a list without a slicing argument by its assumedSize, not the default of 10', () => {
    // me 1 + wishlist 1 + items 1 + 100 × (id + related 1 + 10 × id)
    expect(cost('{ me { wishlist { items { id related(limit: 10) { id } } } } }')).toBe(
      3 + 100 * (1 + 1 + 10),
    );
  });

  it('sizes a list by its declared slicing argument only, else by its assumedSize', () => {
    expect(cost('{ search(take: 3) { id } }')).toBe(1 + 3);
    // `first` is no slicing argument of `search`: the declared bound stands.
    expect(cost('{ search(first: 2) { id } }')).toBe(1 + 50);
    expect(cost('query S($n: Int) { search(take: $n) { id } }', { n: 7 })).toBe(1 + 7);
  });

  it('passes a connection size to its sizedFields only, and takes the largest slicing argument', () => {
    // listing weighs 10; nodes take first's default 24; facets keep their own 5
    expect(cost('{ listing { nodes { id } facets { name } } }')).toBe(10 + 1 + 24 + 1 + 5);
    expect(cost('{ listing(first: 2, last: 6) { nodes { id } } }')).toBe(10 + 1 + 6);
  });

  it('weighs a field by its @cost instead of 1', () => {
    expect(cost('{ listing(first: 1) { nodes { id } } }')).toBe(10 + 1 + 1);
  });
});
