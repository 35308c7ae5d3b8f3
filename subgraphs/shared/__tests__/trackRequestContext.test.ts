import type { RequestContext } from '../../../contracts/requestContext.js';
import { trackRequestContext } from '../trackRequestContext.js';

const request: RequestContext = {
  locale: 'de-DE',
  market: 'EU',
  currency: 'EUR',
  viewer: { customerId: '7', segment: 'vip', roles: [] },
  segment: 'vip',
};

describe('trackRequestContext', () => {
  it('records nothing before anything is read', () => {
    expect([...trackRequestContext(request).dimensions()]).toEqual([]);
  });

  it.each([
    ['locale', 'locale', 'de-DE'],
    ['market', 'market', 'EU'],
    ['currency', 'market', 'EUR'],
    ['segment', 'segment', 'vip'],
  ] as const)('records %s as %s and answers the value', (property, dimension, value) => {
    const tracked = trackRequestContext(request);
    expect(tracked.context[property]).toBe(value);
    expect([...tracked.dimensions()]).toEqual([dimension]);
  });

  it('records viewer, and only viewer, when the viewer is read for its segment', () => {
    const tracked = trackRequestContext(request);
    expect(tracked.context.viewer?.segment).toBe('vip');
    expect([...tracked.dimensions()]).toEqual(['viewer']);
  });

  it('records each dimension once however often it is read, and shows reads made later', () => {
    const tracked = trackRequestContext(request);
    const dimensions = tracked.dimensions();
    void tracked.context.market;
    void tracked.context.currency;
    void tracked.context.locale;
    expect([...dimensions]).toEqual(['market', 'locale']);
  });

  it('refuses writes, so a resolver cannot change what later ones read', () => {
    const tracked = trackRequestContext(request);
    expect(() => {
      (tracked.context as RequestContext).market = 'US';
    }).toThrow(TypeError);
    expect(tracked.context.market).toBe('EU');
  });
});
