import type { RequestContext } from '../../../contracts/requestContext.js';
import { canonicalJson, varyKey } from '../cacheKeys.js';
import { takeSubgraphAnswer } from '../subgraphAnswer.js';
import { typeTags } from '../typeTags.js';

const anonymous: RequestContext = {
  locale: 'de-DE',
  market: 'EU',
  currency: 'EUR',
  segment: null,
  viewer: null,
};

describe('canonicalJson', () => {
  it('gives equal text for equal values whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('writes what JSON.stringify writes for every kind of JSON value', () => {
    const values = [
      null,
      0,
      -1.5e-7,
      'text with "quotes", \\ and \u0000',
      true,
      [],
      {},
      [[], [{}], null],
      { list: [1, 'two', { three: [3] }], empty: '', nested: { deeper: { deepest: false } } },
    ];
    for (const value of values) expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('serialises variables nested far deeper than the call stack allows', () => {
    const deep: Record<string, unknown> = {};
    let level = deep;
    for (let depth = 0; depth < 100_000; depth++) level = level['a'] = {};
    const json = canonicalJson(deep);
    expect(json).toHaveLength('{"a":'.length * 100_000 + '{}'.length + '}'.length * 100_000);
    expect(json.startsWith('{"a":{"a":')).toBe(true);
  });
});

describe('varyKey', () => {
  it('includes exactly the dimensions used, in a fixed order', () => {
    expect(varyKey(['market', 'locale'], anonymous)).toBe('locale=de-DE&market=EU');
    expect(varyKey([], anonymous)).toBe('');
  });

  it('separates segments and viewers, and never shows a customer id in clear', () => {
    const vip = { ...anonymous, segment: 'vip', viewer: { customerId: '12345', segment: 'vip', roles: [] } };
    expect(varyKey(['segment'], vip)).toBe('segment=vip');
    expect(varyKey(['segment'], anonymous)).toBe('segment=-');
    const key = varyKey(['viewer'], vip);
    expect(key).not.toContain('12345');
    expect(key).not.toBe(varyKey(['viewer'], { ...vip, viewer: { ...vip.viewer, customerId: '12346' } }));
    expect(varyKey(['viewer'], anonymous)).toBe('viewer=anonymous');
  });
});

describe('takeSubgraphAnswer', () => {
  it('reads policy, vary and tags, and strips the internal extensions', () => {
    const headers = new Map([
      ['cache-control', 'max-age=60, public'],
      ['x-commerce-vary', 'market, bogus, locale'],
    ]);
    const response = { extensions: { cacheTags: ['Product:1'], invalidatesTags: ['Product:2'], other: 1 } };
    const answer = takeSubgraphAnswer({ get: (name) => headers.get(name) ?? null }, response);
    expect(answer).toEqual({
      maxAge: 60,
      private: false,
      vary: ['locale', 'market'],
      tags: ['Product:1'],
      invalidates: ['Product:2'],
    });
    expect(response.extensions).toEqual({ other: 1 });
  });

  it('treats no-store, a missing header and private answers as not shareable', () => {
    const read = (value: string | null) => takeSubgraphAnswer({ get: () => value }, {});
    expect(read('no-store').maxAge).toBe(0);
    expect(read(null).maxAge).toBe(0);
    expect(read('max-age=60, private')).toMatchObject({ maxAge: 60, private: true });
  });
});

describe('typeTags', () => {
  it('adds the bare type of each entity tag', () => {
    expect(typeTags(['Product:1', 'Product:2', 'Viewer:9']).sort()).toEqual(
      ['Product', 'Product:1', 'Product:2', 'Viewer', 'Viewer:9'].sort(),
    );
  });
});
