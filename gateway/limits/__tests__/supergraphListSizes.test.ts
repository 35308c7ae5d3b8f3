import { ApolloServer } from '@apollo/server';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { readDeclaredCosts, type DeclaredCosts } from '../declaredCosts.js';
import { DEFAULT_OPERATION_LIMITS, operationLimitPlugins } from '../operationLimits.js';
import { operationCost } from '../operationCost.js';
import { localGateway } from './support/localGateway.js';
import { loadApiSchema, loadDeclaredCosts, readSupergraphSdl } from './support/pageOperations.js';

/**
 * The list fields of `schema` whose size nothing bounds: no `@listSize(assumedSize:)` of their own, and not
 * sized by every field that returns their type (`@listSize(sizedFields:)` of a connection field).
 */
function unboundedLists(schema: GraphQLSchema, declared: DeclaredCosts): string[] {
  const fields = Object.values(schema.getTypeMap()).flatMap((type) =>
    !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type))
      ? Object.values(type.getFields()).map((field) => ({ owner: type.name, field }))
      : [],
  );
  const sizedByEveryParent = (owner: string, name: string) => {
    const parents = fields.filter(({ field }) => getNamedType(field.type).name === owner);
    return (
      parents.length > 0 &&
      parents.every((parent) =>
        declared.get(`${parent.owner}.${parent.field.name}`)?.sizedFields?.includes(name),
      )
    );
  };
  return fields
    .filter(({ field }) => isListType(getNullableType(field.type)))
    .filter(({ owner, field }) => declared.get(`${owner}.${field.name}`)?.assumedSize === undefined)
    .filter(({ owner, field }) => !sizedByEveryParent(owner, field.name))
    .map(({ owner, field }) => `${owner}.${field.name}`);
}

const WISHLIST_OF_RELATED =
  '{ me { wishlist { items { product { related(limit: 24) { related(limit: 10) { id name } } } } } } }';

describe('the list sizes the supergraph declares', () => {
  let schema: GraphQLSchema;
  let declared: DeclaredCosts;
  beforeAll(async () => {
    [schema, declared] = await Promise.all([loadApiSchema(), loadDeclaredCosts()]);
  });

  it('bound every list field of the API schema, those in connections included', () => {
    expect(unboundedLists(schema, declared)).toEqual([]);
    expect(declared.get('Wishlist.items')?.assumedSize).toBe(100);
    expect(declared.get('ProductConnection.edges')?.assumedSize).toBe(100);
  });

  it('are checked by a walk that finds a list without a bound', () => {
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

  it('put a wishlist of related products over the cost limit, as the same work through a listing', () => {
    const cost = (query: string) => {
      const document = parse(query);
      return operationCost(schema, document, getOperationAST(document)!, {}, { declared });
    };
    const wishlist = cost(WISHLIST_OF_RELATED);
    // me, wishlist, items 3 + 100 items × (product 1 + related 1 + 24 × (related 1 + 10 × (id + name)))
    expect(wishlist).toBe(3 + 100 * (2 + 24 * (1 + 10 * 2)));
    const listing = cost(
      '{ products(first: 100) { nodes { related(limit: 24) { related(limit: 10) { id name } } } } }',
    );
    expect(listing).toBe(30 + 1 + 100 * (1 + 24 * (1 + 10 * 2)));
    expect(wishlist).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(listing).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it('are what the limits count in a gateway, read from the supergraph it announces', async () => {
    const server = new ApolloServer({
      gateway: localGateway(schema, await readSupergraphSdl(), {}),
      ...operationLimitPlugins(DEFAULT_OPERATION_LIMITS, { production: true }),
    });
    await server.start();
    const response = await server.executeOperation({ query: WISHLIST_OF_RELATED });
    await server.stop();
    expect(response.http.status).toBe(400);
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.message).toBe(
      'Query cost 50603 exceeds the limit of 10000. Most expensive lists: ' +
        'me.wishlist.items (size 100, cost 50601), ' +
        'me.wishlist.items.product.related (size 24, cost 50500), ' +
        'me.wishlist.items.product.related.related (size 10, cost 50400).',
    );
  });
});
