import { composeServices } from '@apollo/composition';
import { buildSchema, parse } from 'graphql';
import { readDeclaredCosts } from '../declaredCosts.js';

function compose(sdl: string): string {
  const result = composeServices([{ name: 'shop', url: 'http://shop', typeDefs: parse(sdl) }]);
  if (result.errors) throw result.errors[0];
  return result.supergraphSdl;
}

describe('readDeclaredCosts', () => {
  it('reads @listSize and @cost from a composed supergraph', () => {
    const supergraph = compose(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize", "@cost"])
      type Query {
        items(first: Int = 5): [Item!]! @listSize(assumedSize: 50, slicingArguments: ["first"]) @cost(weight: 3)
        tags: [String!]! @listSize(assumedSize: 4)
        plain: [Item!]!
      }
      type Item { id: ID! }
    `);
    expect(Object.fromEntries(readDeclaredCosts(supergraph))).toEqual({
      'Query.items': { weight: 3, assumedSize: 50, slicingArguments: ['first'] },
      'Query.tags': { assumedSize: 4 },
    });
  });

  it('follows the names the cost spec link gives: imports, their aliases, else its namespace', () => {
    const linked = (link: string) => `
      schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1"${link}) {
        query: Query
      }
      type Query {
        a: [Int] @size(assumedSize: 2) @demand(weight: 7)
        b: [Int] @listSize(assumedSize: 99) @cost(weight: 99)
        c: [Int] @cost__listSize(assumedSize: 3)
      }
    `;
    const aliased = linked(', as: "demand", import: [{ name: "@listSize", as: "@size" }]');
    expect(Object.fromEntries(readDeclaredCosts(aliased))).toEqual({
      'Query.a': { assumedSize: 2, weight: 7 },
    });
    expect(Object.fromEntries(readDeclaredCosts(linked('')))).toEqual({
      'Query.b': { weight: 99 },
      'Query.c': { assumedSize: 3 },
    });
  });

  it('reads the directives a schema built from SDL applies itself, and none from one without', () => {
    const schema = buildSchema(`
      directive @listSize(assumedSize: Int, sizedFields: [String!]) on FIELD_DEFINITION
      type Query { page: Page @listSize(sizedFields: ["rows"]) }
      type Page { rows: [Int] @listSize(assumedSize: 20) }
    `);
    expect(Object.fromEntries(readDeclaredCosts(schema))).toEqual({
      'Query.page': { sizedFields: ['rows'] },
      'Page.rows': { assumedSize: 20 },
    });
    expect(readDeclaredCosts(buildSchema('type Query { rows: [Int] }')).size).toBe(0);
  });
});
