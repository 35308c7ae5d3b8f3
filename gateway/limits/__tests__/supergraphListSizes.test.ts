import { ApolloServer } from '@apollo/server';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import type { DeclaredCosts } from '../declaredCosts.js';
import { DEFAULT_OPERATION_LIMITS, operationLimitPlugins } from '../operationLimits.js';
import { operationCost } from '../operationCost.js';
import { localGateway } from './support/localGateway.js';
import { loadApiSchema, loadDeclaredCosts, readSupergraphSdl } from './support/pageOperations.js';

const WISHLIST_OF_RELATED =
  '{ me { wishlist { items { product { related(limit: 24) { related(limit: 10) { id name } } } } } } }';

// That every list field is bounded is the schema check's list-size rule (registry/check/policy/listSize.ts), with
// its test of the committed supergraph; here, what the declared sizes make the gateway count.
describe('the list sizes the supergraph declares', () => {
  let schema: GraphQLSchema;
  let declared: DeclaredCosts;
  beforeAll(async () => {
    [schema, declared] = await Promise.all([loadApiSchema(), loadDeclaredCosts()]);
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
