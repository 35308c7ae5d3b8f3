import { composeServices } from '@apollo/composition';
import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { readDeclaredCosts } from '../declaredCosts.js';
import {
  DEFAULT_OPERATION_LIMITS,
  operationLimitPlugins,
  type OperationLimitsConfig,
} from '../operationLimits.js';
import { operationCost } from '../operationCost.js';
import { localGateway } from './support/localGateway.js';

interface Supergraph {
  supergraphSdl: string;
  apiSchema: GraphQLSchema;
}

function compose(subgraphs: Record<string, string>): Supergraph {
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}`, typeDefs: parse(sdl) })),
  );
  if (result.errors) throw result.errors[0];
  return { supergraphSdl: result.supergraphSdl, apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

/** Runs `query` through Apollo Server with the limits, in front of a gateway announcing `supergraph`. */
async function run(
  supergraph: Supergraph,
  rootValue: unknown,
  query: string,
  limits: OperationLimitsConfig = DEFAULT_OPERATION_LIMITS,
) {
  const server = new ApolloServer({
    gateway: localGateway(supergraph.apiSchema, supergraph.supergraphSdl, rootValue),
    ...operationLimitPlugins(limits, { production: true }),
  });
  await server.start();
  try {
    const response: GraphQLResponse = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status ?? 200, ...response.body.singleResult };
  } finally {
    await server.stop();
  }
}

function costOf(supergraph: Supergraph, query: string): number {
  const document = parse(query);
  return operationCost(
    supergraph.apiSchema,
    document,
    getOperationAST(document)!,
    {},
    {
      declared: readDeclaredCosts(supergraph.supergraphSdl),
    },
  );
}

describe('demand control declared with the Federation directives', () => {
  const shop = compose({
    shop: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize", "@cost"])
      type Query {
        featured: [Item!]! @listSize(assumedSize: 3)
        undeclared(first: Int): [Item!]!
      }
      type Item { id: ID!, name: String, price: Int @cost(weight: 4) }
    `,
  });
  const items = [1, 2, 3].map((id) => ({ id: String(id), name: `item ${id}`, price: id }));

  it('costs a list annotated @listSize(assumedSize: 3) as 3 items, and an @cost field by its weight', () => {
    expect(costOf(shop, '{ featured { id name } }')).toBe(1 + 3 * 2);
    expect(costOf(shop, '{ featured { price } }')).toBe(1 + 3 * 4);
  });

  it('costs an unannotated list at the default size of 5, whatever its arguments say', () => {
    expect(DEFAULT_OPERATION_LIMITS.defaultListSize).toBe(5);
    expect(costOf(shop, '{ undeclared(first: 100000) { id } }')).toBe(1 + 5);
  });

  it('serves the annotated cost up to the limit and refuses one over it, naming the list by its size', async () => {
    const query = '{ featured { id name } }';
    const atLimit = await run(shop, { featured: items }, query, { ...DEFAULT_OPERATION_LIMITS, maxCost: 7 });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data).toEqual({ featured: items.map(({ id, name }) => ({ id, name })) });

    const over = await run(shop, { featured: items }, query, { ...DEFAULT_OPERATION_LIMITS, maxCost: 6 });
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.message).toBe(
      'Query cost 7 exceeds the limit of 6. Most expensive lists: featured (size 3, cost 7).',
    );
  });
});

// The shape of the federation gateway audit's "child-type-mismatch" case: a union whose members nest lists of
// the union, with no list size declared anywhere.
const accounts = compose({
  a: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type User @key(fields: "id", resolvable: false) { id: ID }
    type Query { users: [User!]! }
  `,
  b: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
    union Account = User | Admin
    type User @key(fields: "id") { id: ID!, name: String, similarAccounts: [Account!]! }
    type Admin { id: ID, name: String @shareable, similarAccounts: [Account!]! }
    type Query { accounts: [Account!]! }
  `,
});

const allAccounts = (): unknown[] => [
  { __typename: 'User', id: 'u1', name: 'u1-name', similarAccounts: allAccounts },
  { __typename: 'Admin', id: 'a1', name: 'a1-name', similarAccounts: allAccounts },
];
const accountsRoot = { users: [{ id: 'u1', name: 'u1-name' }], accounts: allAccounts };

/** `accounts` with `similarAccounts` `levels` deep, `... on User` / `... on Admin` at each level. */
function nestedAccounts(levels: number): string {
  const level = (remaining: number): string => {
    const inner = remaining > 0 ? ` similarAccounts { ${level(remaining - 1)} }` : '';
    return `... on User { id name${inner} } ... on Admin { id name${inner} }`;
  };
  return `{ users { id name } accounts { ${level(levels)} } }`;
}

describe('the default list size on a supergraph that declares none', () => {
  it('passes a query four fields deep with a fragment per union member at each level', async () => {
    const query = nestedAccounts(2);
    // users 1 + 5 × 2; accounts 1 + 5 × (2 + similarAccounts 1 + 5 × (2 + 1 + 5 × 2)): one branch per level.
    expect(costOf(accounts, query)).toBe(11 + (1 + 5 * (3 + 5 * (3 + 5 * 2))));
    const result = await run(accounts, accountsRoot, query);
    expect(result.errors).toBeUndefined();
    const level3 = [
      { id: 'u1', name: 'u1-name' },
      { id: 'a1', name: 'a1-name' },
    ];
    const level2 = level3.map((account) => ({ ...account, similarAccounts: level3 }));
    expect(result.data).toEqual({
      users: [{ id: 'u1', name: 'u1-name' }],
      accounts: level3.map((account) => ({ ...account, similarAccounts: level2 })),
    });
  });

  it('passes four nested lists of 12 fields each, and refuses six nested lists of one field', () => {
    const fields = Array.from({ length: 12 }, (_, i) => `f${i}: String`).join(' ');
    const wide = compose({
      wide: `type Query { rows: [Row!]! } type Row { ${fields} rows: [Row!]! }`,
    });
    const selection = (levels: number, count: number): string => {
      const own = Array.from({ length: count }, (_, i) => `f${i}`).join(' ');
      return levels === 1 ? own : `${own} rows { ${selection(levels - 1, count)} }`;
    };
    const fourDeep = costOf(wide, `{ rows { ${selection(4, 12)} } }`);
    expect(fourDeep).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(fourDeep).toBe(1 + 5 * (13 + 5 * (13 + 5 * (13 + 5 * 12))));
    expect(costOf(wide, `{ rows { ${selection(6, 1)} } }`)).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it('still refuses a list bomb: the same union nested seven lists deep', async () => {
    const open = '... on User { similarAccounts { '.repeat(6);
    const query = `{ accounts { ${open}... on User { id name }${' } }'.repeat(6)} } }`;
    const result = await run(accounts, accountsRoot, query);
    expect(result.status).toBe(400);
    // The outermost lists, each of the default size, their costs holding the lists nested in them.
    const cost = costOf(accounts, query);
    expect(result.errors?.[0]?.message).toBe(
      `Query cost ${cost} exceeds the limit of 10000. Most expensive lists: ` +
        `accounts (size 5, cost ${cost}), ` +
        `accounts.similarAccounts (size 5, cost ${cost - 1}), ` +
        `accounts.similarAccounts.similarAccounts (size 5, cost ${cost - 1 - 5}).`,
    );
  });
});
