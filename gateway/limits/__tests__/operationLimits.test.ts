import { ErrorCode } from '../../../contracts/errors.js';
import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getOperationAST, Lexer, parse, Source, TokenKind, validate, type GraphQLSchema } from 'graphql';
import { operationCost } from '../operationCost.js';
import {
  DEFAULT_OPERATION_LIMITS,
  loadOperationLimitsConfig,
  operationLimitPlugins,
  type OperationLimitsConfig,
} from '../operationLimits.js';
import type { DeclaredCosts } from '../declaredCosts.js';
import { localGateway } from './support/localGateway.js';
import {
  loadApiSchema,
  loadDeclaredCosts,
  PAGE_OPERATION_NAMES,
  readPageOperation,
  readSupergraphSdl,
} from './support/pageOperations.js';

const typeDefs = `
  directive @listSize(assumedSize: Int, slicingArguments: [String!]) on FIELD_DEFINITION
  type Query {
    node(ids: [ID!]): Node
    list(first: Int): [Node!]! @listSize(slicingArguments: ["first"])
    sort(by: Sort): String
  }
  type Node { id: ID!, child: Node }
  enum Sort { NAME PRICE }
`;

let listCalls = 0;
const resolvers = {
  Query: {
    node: () => ({ id: '1' }),
    list: (_: unknown, { first }: { first: number }) => {
      listCalls += 1;
      return Array.from({ length: first }, (_, i) => ({ id: String(i) }));
    },
    sort: (_: unknown, { by }: { by: string }) => by,
  },
  Node: { child: () => ({ id: '2' }) },
};

async function startServer(production: boolean, config: OperationLimitsConfig = DEFAULT_OPERATION_LIMITS) {
  const limits = operationLimitPlugins(config, { production });
  const server = new ApolloServer({ typeDefs, resolvers, ...limits });
  await server.start();
  return server;
}

function single(response: GraphQLResponse) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

/** `{ node { child { … { id } } } }`, `depth` fields deep. */
function nested(depth: number): string {
  return `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
}

function refusal(message: string) {
  return { status: 400, errors: [{ message, extensions: { code: ErrorCode.OperationTooComplex } }] };
}

describe('operationLimitPlugins', () => {
  let server: ApolloServer;
  let production: ApolloServer;
  beforeAll(async () => {
    [server, production] = await Promise.all([startServer(false), startServer(true)]);
  });
  afterAll(() => Promise.all([server.stop(), production.stop()]));

  it('refuses an operation deeper than the limit, naming the depth and the limit', async () => {
    const response = single(await server.executeOperation({ query: nested(14) }));
    expect(response).toEqual(refusal('Query depth 14 exceeds the limit of 12.'));
    expect(single(await server.executeOperation({ query: nested(12) })).errors).toBeUndefined();
  });

  it('does not count fragments as depth', async () => {
    const query = `{ node { ...A } } fragment A on Node { ... on Node { child { ...B } } } fragment B on Node { id }`;
    const shallow = await startServer(false, { ...DEFAULT_OPERATION_LIMITS, maxDepth: 3 });
    expect(single(await shallow.executeOperation({ query }))).toMatchObject({
      data: { node: { child: { id: '2' } } },
    });
    await shallow.stop();
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: node { id }`).join(' ');
    const response = single(await server.executeOperation({ query: `{ ${aliases} }` }));
    expect(response).toEqual(refusal('Query alias count 21 exceeds the limit of 20.'));
  });

  it('refuses more directives than the limit', async () => {
    const fields = Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ');
    const response = single(await server.executeOperation({ query: `{ node { ${fields} } }` }));
    expect(response).toEqual(refusal('Query directive count 21 exceeds the limit of 20.'));
  });

  it('refuses an operation of more fields than the limit by name, where graphql-js would abort validation', async () => {
    const response = single(await server.executeOperation({ query: `{ node { ${'id '.repeat(900)}} }` }));
    expect(response).toEqual(refusal('Query field count 901 exceeds the limit of 500.'));
    expect(single(await server.executeOperation({ query: `{ node { ${'id '.repeat(499)}} }` })).errors).toBe(
      undefined,
    );
  });

  it('counts a fragment where it is spread, nested spreads included', async () => {
    const query = `{ node { ...B ...B } } fragment B on Node { ...A ...A ...A } fragment A on Node { id child { id } }`;
    const small = await startServer(false, { ...DEFAULT_OPERATION_LIMITS, maxFields: 12 });
    // node, then 2 × 3 × (id, child, child.id): 19.
    expect(single(await small.executeOperation({ query }))).toEqual(
      refusal('Query field count 19 exceeds the limit of 12.'),
    );
    await small.stop();
  });

  it("names graphql-js's own validation limit when it aborts within the field limit", async () => {
    const lenient = await startServer(false, { ...DEFAULT_OPERATION_LIMITS, maxFields: 100_000 });
    const response = single(await lenient.executeOperation({ query: `{ node { ${'id '.repeat(900)}} }` }));
    expect(response).toEqual(
      refusal(
        "Query validation exceeds graphql-js's work limit (fields or fragments repeated too often); validation aborted.",
      ),
    );
    await lenient.stop();
  });

  it('stops parsing a document of more tokens than the limit', async () => {
    // `{ node(ids: [` and `]) { id } }` are 6 tokens each: 12 plus one per id.
    const withIds = (count: number) => `{ node(ids: [${' 7'.repeat(count)} ]) { id } }`;
    const response = single(await server.executeOperation({ query: withIds(989) }));
    expect(response).toMatchObject(refusal('Query token count exceeds the limit of 1000; parsing stopped.'));
    expect(single(await server.executeOperation({ query: withIds(988) })).data).toEqual({
      node: { id: '1' },
    });
  });

  it('refuses an operation over the cost limit before running any resolver, with sizes from variables', async () => {
    listCalls = 0;
    const query = 'query List($n: Int) { list(first: $n) { id } }';
    const refused = single(await server.executeOperation({ query, variables: { n: 10_000 } }));
    expect(refused).toEqual(
      refusal(
        'Query cost 10001 exceeds the limit of 10000. Most expensive lists: list (size 10000, cost 10001).',
      ),
    );
    expect(listCalls).toBe(0);
    const literal = single(await server.executeOperation({ query: '{ list(first: 20000) { id } }' }));
    expect(literal.errors?.[0]?.message).toMatch(/^Query cost 20001 exceeds the limit of 10000\. /);

    const allowed = single(await server.executeOperation({ query, variables: { n: 3 } }));
    expect(allowed.data).toEqual({ list: [{ id: '0' }, { id: '1' }, { id: '2' }] });
    expect(listCalls).toBe(1);

    // Verdicts are remembered per document and variables: each request still gets its own.
    for (const n of [10_000, 3, 10_000]) {
      const again = single(await server.executeOperation({ query, variables: { n } }));
      if (n === 3) expect(again.data).toEqual(allowed.data);
      else expect(again).toEqual(refused);
    }
    expect(listCalls).toBe(2);
  });

  it('cuts field and enum suggestions from messages in production only', async () => {
    const typo = { query: '{ node { idd } }' };
    expect(single(await production.executeOperation(typo)).errors?.[0]?.message).toBe(
      'Cannot query field "idd" on type "Node".',
    );
    expect(single(await server.executeOperation(typo)).errors?.[0]?.message).toBe(
      'Cannot query field "idd" on type "Node". Did you mean "id"?',
    );
    const literal = single(await production.executeOperation({ query: '{ sort(by: NAM) }' }));
    expect(literal.errors?.[0]?.message).toBe('Value "NAM" does not exist in "Sort" enum.');
    const variable = single(
      await production.executeOperation({
        query: 'query S($by: Sort) { sort(by: $by) }',
        variables: { by: 'NAM' },
      }),
    );
    expect(variable.errors?.[0]).toMatchObject({
      message: 'Variable "$by" got invalid value "NAM"; Value "NAM" does not exist in "Sort" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('keeps batched HTTP requests off', () => {
    expect(
      operationLimitPlugins(DEFAULT_OPERATION_LIMITS, { production: true }).allowBatchedHttpRequests,
    ).toBe(false);
  });
});

describe('the page operations under the default limits', () => {
  let schema: GraphQLSchema;
  let declared: DeclaredCosts;
  beforeAll(async () => {
    [schema, declared] = await Promise.all([loadApiSchema(), loadDeclaredCosts()]);
  });

  /** Measures an operation the way the limits do: armor's counters, graphql-js's tokens, our cost. */
  function measure(query: string, variables: Record<string, unknown>) {
    // NaN until armor reports a figure, so a counter that never ran fails the comparison.
    const measured = { depth: NaN, aliases: NaN, directives: NaN };
    const record = (name: keyof typeof measured) => [
      (_: unknown, details: { n: number }) => (measured[name] = details.n),
    ];
    const armor = new ApolloArmor({
      maxDepth: { n: 1_000, flattenFragments: true, onAccept: record('depth') },
      maxAliases: { n: 1_000, onAccept: record('aliases') },
      maxDirectives: { n: 1_000, onAccept: record('directives') },
      maxTokens: { enabled: false },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: false },
    }).protect();
    const document = parse(query);
    expect(validate(schema, document, armor.validationRules)).toEqual([]);
    const lexer = new Lexer(new Source(query));
    let tokens = 0;
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
    const cost = operationCost(schema, document, getOperationAST(document)!, variables, { declared });
    return { ...measured, tokens, cost };
  }

  it.each([
    ['HomePage', { depth: 5, aliases: 0, directives: 0, tokens: 125, cost: 1_550 }],
    ['CategoryPage', { depth: 6, aliases: 0, directives: 0, tokens: 129, cost: 699 }],
    ['ProductPage', { depth: 6, aliases: 0, directives: 0, tokens: 207, cost: 335 }],
  ])('%s measures %o, at most half of every limit', async (name, expected) => {
    const { query, variables } = await readPageOperation(name);
    const measured = measure(query, variables);
    expect(measured).toEqual(expected);
    const limits = DEFAULT_OPERATION_LIMITS;
    expect(measured.depth).toBeLessThanOrEqual(limits.maxDepth / 2);
    expect(measured.aliases).toBeLessThanOrEqual(limits.maxAliases / 2);
    expect(measured.directives).toBeLessThanOrEqual(limits.maxDirectives / 2);
    expect(measured.tokens).toBeLessThanOrEqual(limits.maxTokens / 2);
    expect(measured.cost).toBeLessThanOrEqual(limits.maxCost / 2);
  });

  it('runs every page operation through Apollo Server with every limit at half its default', async () => {
    const half = Object.fromEntries(
      Object.entries(DEFAULT_OPERATION_LIMITS).map(([name, value]) => [name, Math.floor(value / 2)]),
    ) as unknown as OperationLimitsConfig;
    // Through a gateway, as in production: the limits read the list sizes from the supergraph it announces.
    const server = new ApolloServer({
      gateway: localGateway(schema, await readSupergraphSdl(), { departments: [] }),
      ...operationLimitPlugins(half, { production: true }),
    });
    await server.start();
    for (const name of PAGE_OPERATION_NAMES) {
      const { query, variables } = await readPageOperation(name);
      const result = single(await server.executeOperation({ query, variables }));
      expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
      expect(result.data).toBeDefined();
    }
    await server.stop();
  });
});

describe('loadOperationLimitsConfig', () => {
  it('uses the defaults for an empty environment', () => {
    expect(loadOperationLimitsConfig({})).toEqual({
      maxDepth: 12,
      maxAliases: 20,
      maxTokens: 1_000,
      maxDirectives: 20,
      maxFields: 500,
      maxCost: 10_000,
      defaultListSize: 5,
    });
  });

  it('reads each limit from its variable', () => {
    const config = loadOperationLimitsConfig({
      LIMIT_MAX_DEPTH: '8',
      LIMIT_MAX_ALIASES: '5',
      LIMIT_MAX_TOKENS: '400',
      LIMIT_MAX_DIRECTIVES: '3',
      LIMIT_MAX_COST: '2500',
      LIMIT_DEFAULT_LIST_SIZE: '20',
      LIMIT_MAX_FIELDS: '150',
    });
    expect(config).toEqual({
      maxDepth: 8,
      maxAliases: 5,
      maxTokens: 400,
      maxDirectives: 3,
      maxFields: 150,
      maxCost: 2_500,
      defaultListSize: 20,
    });
  });

  it('names the variable, the value and what is accepted for a bad limit', () => {
    expect(() => loadOperationLimitsConfig({ LIMIT_MAX_COST: 'lots' })).toThrow(
      'LIMIT_MAX_COST is "lots"; use a whole number from 1 to 1000000000',
    );
    expect(() => loadOperationLimitsConfig({ LIMIT_MAX_DEPTH: '0' })).toThrow(/LIMIT_MAX_DEPTH is "0"/);
    expect(() => loadOperationLimitsConfig({ LIMIT_DEFAULT_LIST_SIZE: '-1' })).toThrow(
      'LIMIT_DEFAULT_LIST_SIZE is "-1"; use a whole number from 0 to 10000',
    );
  });
});
