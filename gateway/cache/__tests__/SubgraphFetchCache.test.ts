import { RequestCacheState } from '../RequestCacheState.js';
import { CacheMetrics } from '../CacheMetrics.js';
import { MemoryCache } from '../MemoryCache.js';
import { DescriptorStore } from '../DescriptorStore.js';
import type { Exchange, IncomingOptions, SubgraphResponse } from '../entityFetch.js';
import { SubgraphFetchCache } from '../SubgraphFetchCache.js';
import type { SubgraphAnswer } from '../subgraphAnswer.js';
import type { RequestContext } from '../../../contracts/requestContext.js';

const QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{price}}}';
const request: RequestContext = {
  locale: 'en-US',
  market: 'US',
  currency: 'USD',
  segment: null,
  viewer: null,
};

/** A subgraph stand-in: prices each representation by id, records what it was asked for. */
function fakeSubgraph(answer: Partial<SubgraphAnswer> = {}) {
  const asked: string[][] = [];
  let failing = false;
  return {
    asked,
    fail: () => (failing = true),
    async send(options: IncomingOptions): Promise<Exchange> {
      if (failing) throw new Error('down');
      const { representations, reviewCount } = options.request.variables as {
        representations: { id: string }[];
        reviewCount?: number;
      };
      const ids = representations.map((rep) => rep.id);
      asked.push(ids);
      // Like a subgraph given a bad argument: an error, and null where the field was.
      const refused = reviewCount === 0;
      const entity = (id: string) =>
        refused
          ? null
          : { __typename: 'Product', price: `${id}.00`, ...(reviewCount ? { reviewCount } : {}) };
      const response: SubgraphResponse = {
        data: { _entities: ids.map((id) => (id === '404' ? null : entity(id))) },
        ...(ids.includes('500')
          ? { errors: [{ message: 'boom', path: ['_entities', ids.indexOf('500'), 'price'] }] }
          : {}),
        ...(refused ? { errors: [{ message: 'reviewCount must be positive' }] } : {}),
      } as SubgraphResponse;
      return {
        response,
        answer: { maxAge: 60, private: false, vary: ['market'], tags: [], invalidates: [], ...answer },
      };
    },
  };
}

function options(
  ids: string[],
  market: RequestContext['market'] = 'US',
  variables: Record<string, unknown> = {},
  viewer: RequestContext['viewer'] = null,
): IncomingOptions {
  const representations = ids.map((id) => ({ __typename: 'Product', id }));
  return {
    request: { query: QUERY, variables: { ...variables, representations } },
    context: { request: { ...request, market, viewer }, cache: new RequestCacheState() },
    incomingRequestContext: { overallCachePolicy: { restrict: () => undefined } },
  } as unknown as IncomingOptions;
}

const CUSTOMER: RequestContext['viewer'] = { customerId: '7', segment: null, roles: [] };

describe('SubgraphFetchCache', () => {
  let clock = 1_000_000;
  const make = (cache = new MemoryCache({ now: () => clock }), schemaVersion?: () => string) =>
    new SubgraphFetchCache({
      cache,
      descriptors: new DescriptorStore({ cache, now: () => clock }),
      metrics: new CacheMetrics(),
      graceSeconds: 30,
      now: () => clock,
      ...(schemaVersion ? { schemaVersion } : {}),
    });

  it('fetches only the representations it has not cached, and merges answers in request order', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    await cache.fetch('pricing', options(['1', '2']), subgraph.send);
    const merged = await cache.fetch('pricing', options(['3', '1', '4', '2']), subgraph.send);
    expect(subgraph.asked).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(merged.data?.['_entities']).toEqual(
      ['3.00', '1.00', '4.00', '2.00'].map((price) => ({ __typename: 'Product', price })),
    );
  });

  it('keys entries by the context the subgraph said it used', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    await cache.fetch('pricing', options(['1']), subgraph.send);
    await cache.fetch('pricing', options(['1'], 'EU'), subgraph.send);
    await cache.fetch('pricing', options(['1'], 'US'), subgraph.send);
    expect(subgraph.asked).toEqual([['1'], ['1']]);
  });

  it('answers only under the schema version an entry was stored under', async () => {
    const store = new MemoryCache({ now: () => clock });
    let version = 'a';
    const swapping = make(store, () => version);
    const subgraph = fakeSubgraph();
    // The same fetch answered differently once the schema changed.
    const changed: typeof subgraph.send = async (fetch) => {
      const exchange = await subgraph.send(fetch);
      const entities = exchange.response.data?.['_entities'] as { price: string }[];
      const data = { _entities: entities.map((entity) => ({ ...entity, price: `new ${entity.price}` })) };
      return { ...exchange, response: { ...exchange.response, data } };
    };
    const prices = (response: SubgraphResponse) =>
      (response.data?.['_entities'] as { price: string }[]).map((entity) => entity.price);

    await swapping.fetch('pricing', options(['1']), subgraph.send);
    version = 'b';
    expect(prices(await swapping.fetch('pricing', options(['1']), changed))).toEqual(['new 1.00']);
    expect(prices(await swapping.fetch('pricing', options(['1']), changed))).toEqual(['new 1.00']);
    // An instance not yet swapped, sharing the store during a rolling update, keeps its own entries.
    const notYet = make(store, () => 'a');
    expect(prices(await notYet.fetch('pricing', options(['1']), subgraph.send))).toEqual(['1.00']);
    expect(subgraph.asked).toEqual([['1'], ['1']]);
  });

  it('points error paths of a partial fetch at the full list, and stores neither errors nor nulls', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    await cache.fetch('pricing', options(['1']), subgraph.send);
    const response = await cache.fetch('pricing', options(['1', '500', '404']), subgraph.send);
    expect(response.errors?.[0]?.path).toEqual(['_entities', 1, 'price']);
    await cache.fetch('pricing', options(['500', '404']), subgraph.send);
    expect(subgraph.asked).toEqual([['1'], ['500', '404'], ['500', '404']]);
  });

  it('does not store a signed-in caller’s answers that are private or depend on the viewer', async () => {
    for (const answer of [{ private: true }, { vary: ['viewer' as const] }, { maxAge: 0 }]) {
      const cache = make();
      const subgraph = fakeSubgraph(answer);
      const signedIn = () => options(['1'], 'US', {}, CUSTOMER);
      await cache.fetch('customer', signedIn(), subgraph.send);
      await cache.fetch('customer', signedIn(), subgraph.send);
      expect(subgraph.asked).toEqual([['1'], ['1']]);
    }
  });

  it('shares an anonymous caller’s private answer among anonymous callers only', async () => {
    for (const answer of [{ private: true }, { vary: ['viewer' as const] }]) {
      const cache = make();
      const subgraph = fakeSubgraph(answer);
      await cache.fetch('customer', options(['1']), subgraph.send);
      await cache.fetch('customer', options(['1']), subgraph.send);
      await cache.fetch('customer', options(['1'], 'US', {}, CUSTOMER), subgraph.send);
      await cache.fetch('customer', options(['1'], 'US', {}, CUSTOMER), subgraph.send);
      expect(subgraph.asked).toEqual([['1'], ['1'], ['1']]);
    }
  });

  it('answers from expired entries within the grace window when the subgraph fails, and marks the request stale', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    await cache.fetch('pricing', options(['1', '2']), subgraph.send);
    clock += 61_000;
    subgraph.fail();
    const staleOptions = options(['2', '1']);
    const stale = await cache.fetch('pricing', staleOptions, subgraph.send);
    expect(stale.data?.['_entities']).toEqual([
      { __typename: 'Product', price: '2.00' },
      { __typename: 'Product', price: '1.00' },
    ]);
    expect(staleOptions.context.cache.stale).toBe(true);
    clock += 30_000;
    await expect(cache.fetch('pricing', options(['1']), subgraph.send)).rejects.toThrow('down');
  });

  it('keys entries by every variable of the fetch, not only the representation', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    const fetchWith = (variables: Record<string, unknown>) =>
      cache.fetch('content', options(['1'], 'US', variables), subgraph.send);
    const one = await fetchWith({ reviewCount: 1 });
    const five = await fetchWith({ reviewCount: 5 });
    const oneAgain = await fetchWith({ reviewCount: 1 });
    const included = await fetchWith({ reviewCount: 5, withReviews: true });
    expect(one.data?.['_entities']).toEqual([{ __typename: 'Product', price: '1.00', reviewCount: 1 }]);
    expect(five.data?.['_entities']).toEqual([{ __typename: 'Product', price: '1.00', reviewCount: 5 }]);
    expect(oneAgain.data).toEqual(one.data);
    expect(included.data).toEqual(five.data);
    // The second reviewCount: 1 came from the cache; an @include condition is a variable of its own.
    expect(subgraph.asked).toEqual([['1'], ['1'], ['1']]);
  });

  it('learns nothing from an answer with errors, so one refused request does not turn the cache off', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    const refused = await cache.fetch('content', options(['1'], 'US', { reviewCount: 0 }), subgraph.send);
    expect(refused.errors).toHaveLength(1);
    for (let attempt = 0; attempt < 3; attempt++) {
      await cache.fetch('content', options(['1', '2']), subgraph.send);
    }
    expect(subgraph.asked).toEqual([['1'], ['1', '2']]);
  });

  it('starts caching again once an operation it saw as private answers publicly', async () => {
    const cache = make();
    let answer: Partial<SubgraphAnswer> = { private: true };
    const subgraph = fakeSubgraph();
    const send = async (fetchOptions: IncomingOptions): Promise<Exchange> => {
      const exchange = await subgraph.send(fetchOptions);
      return { ...exchange, answer: { ...exchange.answer, ...answer } };
    };
    const signedIn = () => options(['1'], 'US', {}, CUSTOMER);
    await cache.fetch('pricing', signedIn(), send);
    answer = {};
    await cache.fetch('pricing', signedIn(), send);
    await cache.fetch('pricing', signedIn(), send);
    expect(subgraph.asked).toEqual([['1'], ['1']]);
  });

  it('does not store what it read when a purge of its entities ran while it was reading', async () => {
    const store = new MemoryCache({ now: () => clock });
    const cache = new SubgraphFetchCache({
      cache: store,
      descriptors: new DescriptorStore({ cache: store, now: () => clock }),
      metrics: new CacheMetrics(),
      graceSeconds: 30,
      now: () => clock,
    });
    const subgraph = fakeSubgraph();
    const purgingMidRead = async (fetchOptions: IncomingOptions) => {
      const response = await subgraph.send(fetchOptions);
      clock += 5;
      await store.invalidate(['Product:1']);
      return response;
    };
    await cache.fetch('pricing', options(['1', '2']), purgingMidRead);
    await cache.fetch('pricing', options(['1', '2']), subgraph.send);
    expect(subgraph.asked).toEqual([['1', '2'], ['1']]);
  });

  it('never caches a mutation', async () => {
    const cache = make();
    const subgraph = fakeSubgraph();
    const mutation = options(['1']);
    Object.assign(mutation.incomingRequestContext, { operation: { operation: 'mutation' } });
    await cache.fetch('pricing', mutation, subgraph.send);
    await cache.fetch('pricing', mutation, subgraph.send);
    expect(subgraph.asked).toHaveLength(2);
  });
});
