import { mayPublish, RegistryTokens } from '../auth/RegistryTokens.js';

const tokens = new RegistryTokens({
  admin: 'admin-token',
  read: 'read-token',
  publish: { catalog: 'catalog-token', pricing: 'pricing-token' },
});

describe('RegistryTokens', () => {
  it('tells each kind of token apart', () => {
    expect(tokens.identify('Bearer admin-token')).toEqual({ kind: 'admin' });
    expect(tokens.identify('Bearer read-token')).toEqual({ kind: 'read' });
    expect(tokens.identify('bearer pricing-token')).toEqual({ kind: 'publish', subgraph: 'pricing' });
  });

  it('knows no one for a missing, malformed, unknown or near-miss token', () => {
    for (const header of [
      undefined,
      '',
      'admin-token',
      'Basic admin-token',
      'Bearer admin-toke',
      'Bearer admin-token2',
    ]) {
      expect(tokens.identify(header)).toBeNull();
    }
  });
});

describe('mayPublish', () => {
  it('lets the admin publish anything and a publish token only its own subgraph', () => {
    expect(mayPublish({ kind: 'admin' }, ['catalog', 'pricing'])).toBe(true);
    expect(mayPublish({ kind: 'publish', subgraph: 'pricing' }, ['pricing'])).toBe(true);
    expect(mayPublish({ kind: 'publish', subgraph: 'pricing' }, ['pricing', 'catalog'])).toBe(false);
    expect(mayPublish({ kind: 'read' }, ['pricing'])).toBe(false);
  });
});
