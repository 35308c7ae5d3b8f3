import type { SubgraphAnswer } from '../subgraphAnswer.js';
import {
  fetchOfMissing,
  learn,
  mergeFetch,
  parseDescriptor,
  splitFetch,
  type IncomingOptions,
  type SubgraphResponse,
} from '../entityFetch.js';

const QUERY = 'query($representations:[_Any!]!,$n:Int){_entities(representations:$representations){id}}';
const product = (id: string | number) => ({ __typename: 'Product', id });
const answer = (part: Partial<SubgraphAnswer>): SubgraphAnswer => ({
  maxAge: 60,
  private: false,
  vary: [],
  tags: [],
  invalidates: [],
  ...part,
});

describe('splitFetch', () => {
  it('gives each representation a key that covers the query, every variable and the representation', () => {
    const [a, b] = splitFetch('catalog', {
      query: QUERY,
      variables: { n: 1, representations: [product(1), product(2)] },
    });
    const [again] = splitFetch('catalog', {
      query: QUERY,
      variables: { representations: [product(1)], n: 1 },
    });
    const [other] = splitFetch('catalog', {
      query: QUERY,
      variables: { n: 2, representations: [product(1)] },
    });
    expect(a?.key).toEqual(again?.key);
    expect(a?.key).not.toEqual(b?.key);
    expect(a?.key).not.toEqual(other?.key);
    expect(a?.tags).toEqual(['Product:1']);
  });

  it('leaves a representation without an id uncacheable, and a root fetch whole', () => {
    const [noId] = splitFetch('catalog', {
      query: QUERY,
      variables: { representations: [{ __typename: 'Product', sku: 'x' }] },
    });
    expect(noId?.key).toBeNull();
    const root = splitFetch('catalog', { query: '{ departments { id } }', variables: {} });
    expect(root).toEqual([{ kind: 'root', key: expect.stringMatching(/^r:catalog:/) }]);
  });
});

describe('fetchOfMissing and mergeFetch', () => {
  it('fetches only the missing representations and merges them back in order, errors pointed at the full list', () => {
    const items = splitFetch('catalog', {
      query: QUERY,
      variables: { representations: [product(1), product(2), product(3)] },
    });
    const options = {
      request: { query: QUERY, variables: { representations: [product(1), product(2), product(3)] } },
    };
    const fetch = fetchOfMissing(options as unknown as IncomingOptions, items, [0, 2]);
    expect(fetch.request.variables?.['representations']).toEqual([product(1), product(3)]);

    const response = {
      data: { _entities: [{ id: 1 }, null] },
      errors: [{ message: 'gone', path: ['_entities', 1, 'id'] }],
    } as unknown as SubgraphResponse;
    const merged = mergeFetch(items, [{ id: 1 }, { id: 2, cached: true }, null], response, [0, 2]);
    expect(merged.data).toEqual({ _entities: [{ id: 1 }, { id: 2, cached: true }, null] });
    expect(merged.errors?.[0]?.path).toEqual(['_entities', 2, 'id']);
  });
});

describe('learn', () => {
  it('keys a private answer by the viewer and shares it among anonymous callers only', () => {
    const anonymous = learn(undefined, answer({ private: true, vary: ['market'] }), 'anonymous');
    expect(anonymous).toEqual({ vary: ['market', 'viewer'], shareable: { anonymous: true } });
    const signedIn = learn(anonymous, answer({ private: true }), 'signed-in');
    expect(signedIn).toEqual({
      vary: ['market', 'viewer'],
      shareable: { anonymous: true, 'signed-in': false },
    });
  });

  it('keeps what it knew of the other kind of caller, and never shares an uncacheable answer', () => {
    const known = { vary: ['locale' as const], shareable: { 'signed-in': true } };
    expect(learn(known, answer({ maxAge: 0, vary: ['segment'] }), 'anonymous')).toEqual({
      vary: ['locale', 'segment'],
      shareable: { 'signed-in': true, anonymous: false },
    });
  });
});

describe('parseDescriptor', () => {
  it('reads back what it stores and refuses unknown dimensions', () => {
    const descriptor = { vary: ['market'], shareable: { anonymous: true } };
    expect(parseDescriptor(JSON.parse(JSON.stringify(descriptor)))).toEqual(descriptor);
    expect(parseDescriptor({ vary: ['colour'], shareable: {} })).toBeUndefined();
    expect(parseDescriptor(null)).toBeUndefined();
  });
});
