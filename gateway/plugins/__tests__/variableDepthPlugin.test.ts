import { ApolloServer, HeaderMap } from '@apollo/server';
import { hasNul, nulCharacterPlugin } from '../nulCharacterPlugin.js';
import { nestsDeeperThan, variableDepthPlugin } from '../variableDepthPlugin.js';

/** `levels` lists around `leaf`, built without recursion: `["x"]` is one level. */
function nested(levels: number, leaf: unknown = 'x', wrap = (inner: unknown): unknown => [inner]): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level++) value = wrap(value);
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts lists and objects, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan(['x'], 0)).toBe(true);
    expect(nestsDeeperThan(['x'], 1)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan([null, 1, 'a', [], {}], 2)).toBe(false);
  });

  it('measures 100,000 levels of lists or objects without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
    expect(
      nestsDeeperThan(
        nested(100_000, 'x', (inner) => ({ a: inner })),
        32,
      ),
    ).toBe(true);
  });
});

describe('hasNul', () => {
  it('finds a NUL in any string of a value, however deep', () => {
    expect(hasNul({ a: ['ok', { b: 'a\u0000b' }] })).toBe(true);
    expect(hasNul({ a: ['ok', { b: 'ab' }], c: 1, d: null })).toBe(false);
    expect(hasNul(nested(100_000, 'a\u0000b'))).toBe(true);
    expect(hasNul(nested(100_000, 'ab', (inner) => ({ a: inner })))).toBe(false);
  });

  it('walks a list of 200,000 items', () => {
    expect(hasNul([...Array<string>(200_000).fill('x'), '\u0000'])).toBe(true);
  });
});

describe('variableDepthPlugin and nulCharacterPlugin', () => {
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs: 'type Query { echo(s: String): String }',
      resolvers: { Query: { echo: (_: unknown, { s }: { s?: string }) => s ?? null } },
      plugins: [variableDepthPlugin({ maxDepth: 4 }), nulCharacterPlugin()],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (variables: Record<string, unknown>) => {
    const response = await server.executeOperation({
      query: 'query ($s: String) { echo(s: $s) }',
      variables,
      http: { method: 'POST', headers: new HeaderMap(), search: '', body: {} },
    });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, errors: response.body.singleResult.errors };
  };

  it('refuses variables 5,000 levels deep with 400 BAD_USER_INPUT, naming the limit', async () => {
    expect(await run({ s: nested(5_000) })).toEqual({
      status: 400,
      errors: [
        {
          message: 'Variables may nest lists and objects at most 4 levels deep.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('leaves variables within the limit to the usual validation', async () => {
    const { status, errors } = await run({ s: nested(4) });
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/String cannot represent a non string value/);
    expect(await run({ s: 'fine' })).toEqual({ status: undefined, errors: undefined });
  });

  it('refuses a NUL deep in a variable with 400 BAD_USER_INPUT', async () => {
    const { status, errors } = await run({ s: nested(3, 'a\u0000b') });
    expect(status).toBe(400);
    expect(errors?.[0]?.message).toBe('Strings must not contain NUL characters.');
  });
});
