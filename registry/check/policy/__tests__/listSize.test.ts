import { buildSchema } from 'graphql';
import { readDeclaredCosts } from '../../../../gateway/limits/declaredCosts.js';
import { readSupergraph } from '../../readSupergraph.js';
import { committedSupergraph } from '../../__tests__/support/workingTree.js';
import { listSize, unboundedLists } from '../listSize.js';
import { policyContext, type Sdl } from './support/policyContext.js';

const BOUNDED: Sdl = {
  shop: `
    type Query { products: [Product!]! @listSize(assumedSize: 10) }
    type Product @key(fields: "id") { id: ID! name: String! }
  `,
  reviews: `
    type Product @key(fields: "id") { id: ID! stars: [Int!] @listSize(assumedSize: 5) }
  `,
};

describe('the list-size rule', () => {
  it('finds no unbounded list in the committed supergraph, connections included', async () => {
    const supergraphSdl = await committedSupergraph();
    const declared = readDeclaredCosts(supergraphSdl);
    expect(unboundedLists(readSupergraph(supergraphSdl).apiSchema, declared)).toEqual([]);
    expect(declared.get('Wishlist.items')?.assumedSize).toBe(100);
    expect(declared.get('ProductConnection.edges')?.assumedSize).toBe(100);
  });

  it('finds a list without a bound, and one sized by only some of the fields returning its type', () => {
    const sdl = `
      directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
      type Query {
        page(first: Int): Page @listSize(slicingArguments: ["first"], sizedFields: ["rows"])
        other: Page
        tags: [String] @listSize(assumedSize: 3)
        loose: [String]
      }
      type Page { rows: [Int], cells: [[Int]] @listSize(assumedSize: 9) }
    `;
    const small = buildSchema(sdl);
    // `rows` is sized by `page` but not by `other`, which returns the same type.
    expect(unboundedLists(small, readDeclaredCosts(small))).toEqual(['Query.loose', 'Page.rows']);
  });

  it('fires on a list a change adds without a bound, naming the subgraph that defines it', () => {
    const proposed = {
      ...BOUNDED,
      reviews: BOUNDED['reviews']!.replace('stars:', 'tags: [String!]\n stars:'),
    };
    expect(listSize.check(policyContext(BOUNDED, proposed))).toEqual([
      {
        subgraph: 'reviews',
        coordinate: 'Product.tags',
        message: expect.stringMatching(
          /^Product\.tags is a list nothing bounds: give it @listSize/,
        ) as string,
      },
    ]);
  });

  it('does not fire on bounded lists, nor on a list the baseline already left unbounded', () => {
    expect(listSize.check(policyContext(BOUNDED, BOUNDED))).toEqual([]);
    const loose = {
      ...BOUNDED,
      shop: BOUNDED['shop']!.replace('name: String!', 'name: String! tags: [String]'),
    };
    const laterChange = { ...loose, reviews: BOUNDED['reviews']!.replace('stars:', 'note: String\n stars:') };
    expect(listSize.check(policyContext(loose, laterChange))).toEqual([]);
    expect(listSize.check(policyContext(null, loose))).toHaveLength(1);
  });
});
