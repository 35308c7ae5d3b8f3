import {
  ApolloServer,
  HeaderMap,
  type ApolloServerOptions,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLResponse,
} from '@apollo/server';
import { GraphQLError } from 'graphql';
import {
  errorMaskingPlugin,
  PUBLIC_ERROR_CODES,
  UNAVAILABLE_MESSAGE,
  type ErrorLogger,
} from '../errorMasking.js';

const typeDefs =
  'type Query { boom: String, forbidden: String, pricing: String, downstream: String, refused: String, badInput: String }';
const resolvers = {
  Query: {
    boom: () => {
      throw new Error('connection to db-7.internal:5432 refused');
    },
    forbidden: () => {
      throw new GraphQLError('Not allowed.', {
        extensions: {
          code: 'FORBIDDEN',
          exception: {
            stacktrace: ['Error: Not allowed.', '    at resolver (customer.ts:1)'],
            detail: 'shield',
          },
          response: { url: 'http://10.0.0.5:4004/graphql', status: 200 },
        },
      });
    },
    pricing: () => {
      throw new GraphQLError('The pricing service is unavailable.', {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'pricing', stacktrace: ['at fetch'] },
      });
    },
    // A subgraph's refusal of the gateway's fetch, as Apollo Gateway passes it on.
    refused: () => {
      throw new GraphQLError('Cannot query field "newPrice" on type "Price".', {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', serviceName: 'pricing' },
      });
    },
    badInput: () => {
      throw new GraphQLError('Expected a positive amount.', {
        extensions: { code: 'BAD_USER_INPUT', serviceName: 'catalog', argumentName: 'amount' },
      });
    },
    downstream: () => {
      throw new GraphQLError('secret internals', {
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'catalog', hint: 'x' },
      });
    },
  },
};

interface Logged {
  details: Record<string, unknown>;
  message: string;
}

/** Answers `{ partial }` as Apollo Gateway does when nulls propagated from a subgraph's missing field. */
const valueCompletionPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    if (!request.query?.includes('partial')) return;
    return {
      async responseForOperation() {
        return {
          http: { status: undefined, headers: new HeaderMap() },
          body: {
            kind: 'single',
            singleResult: {
              data: null,
              extensions: {
                valueCompletion: [{ message: 'Cannot return null for non-nullable field Secret.name.' }],
                debugPlan: { subgraph: 'http://10.0.0.5:4001/graphql' },
              },
            },
          },
        };
      },
    };
  },
};

async function startServer(
  production: boolean,
  formatError?: ApolloServerOptions<BaseContext>['formatError'],
) {
  const logged: Logged[] = [];
  const logger: ErrorLogger = {
    error: (details, message) => logged.push({ details: { ...details }, message }),
  };
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    ...(formatError ? { formatError } : {}),
    // Apollo Server's own stack traces on, to show the plugin removes them.
    includeStacktraceInErrorResponses: true,
    plugins: [valueCompletionPlugin, errorMaskingPlugin({ production, logger })],
  });
  await server.start();
  return { server, logged };
}

async function run(server: ApolloServer, query: string, requestId?: string) {
  const headers = new HeaderMap();
  if (requestId !== undefined) headers.set('x-request-id', requestId);
  const response: GraphQLResponse = await server.executeOperation({
    query,
    http: { method: 'POST', headers, search: '', body: {} },
  });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { header: response.http.headers.get('x-request-id'), ...response.body.singleResult };
}

const PARTIAL = '{ partial: pricing }';

describe('errorMaskingPlugin in production', () => {
  let server: ApolloServer;
  let logged: Logged[];
  beforeAll(async () => {
    ({ server, logged } = await startServer(true));
  });
  afterAll(() => server.stop());
  beforeEach(() => logged.splice(0));

  it('masks an unexpected error with the request id, after logging the original in full', async () => {
    const result = await run(server, '{ boom }', 'req-1');
    expect(result.header).toBe('req-1');
    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['boom'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' },
      },
    ]);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe('unexpected error');
    expect(logged[0]?.details).toMatchObject({
      requestId: 'req-1',
      code: 'INTERNAL_SERVER_ERROR',
      message: 'connection to db-7.internal:5432 refused',
      path: ['boom'],
    });
    const err = logged[0]?.details['err'];
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).stack).toMatch(/^Error: connection to db-7\.internal:5432 refused\n\s+at /);
  });

  it('logs the original even when a formatError has masked it already', async () => {
    const masking = await startServer(true, (formatted) =>
      formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR'
        ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
        : formatted,
    );
    const result = await run(masking.server, '{ boom }', 'req-3');
    expect(result.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-3' } },
    ]);
    expect(masking.logged[0]?.details).toMatchObject({
      requestId: 'req-3',
      message: 'connection to db-7.internal:5432 refused',
    });
    await masking.server.stop();
  });

  it('masks an error of any code not written for clients, naming no subgraph, and logs it with its subgraph', async () => {
    const result = await run(server, '{ downstream }', 'req-2');
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'req-2',
    });
    expect(result.errors?.[0]?.message).toBe('Internal server error');
    expect(logged[0]?.details).toMatchObject({
      message: 'secret internals',
      code: 'DOWNSTREAM_SERVICE_ERROR',
      serviceName: 'catalog',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'catalog', hint: 'x' },
    });
  });

  it('keeps the message of a public error and only the code and argumentName extensions', async () => {
    const result = await run(server, '{ forbidden badInput }');
    expect(result.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
      { message: 'Not allowed.', extensions: { code: 'FORBIDDEN' } },
      {
        message: 'Expected a positive amount.',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'amount' },
      },
    ]);
    expect(logged).toEqual([]);
  });

  it('answers SUBGRAPH_UNAVAILABLE with a message that names no subgraph', async () => {
    const result = await run(server, '{ pricing }');
    expect(result.errors).toEqual([
      {
        message: UNAVAILABLE_MESSAGE,
        locations: [{ line: 1, column: 3 }],
        path: ['pricing'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      },
    ]);
  });

  it("masks a subgraph's refusal of the gateway's fetch, and logs it with the subgraph's message", async () => {
    const result = await run(server, '{ refused }', 'req-4');
    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['refused'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-4' },
      },
    ]);
    expect(logged).toEqual([
      {
        message: 'unexpected error',
        details: expect.objectContaining({
          requestId: 'req-4',
          code: 'GRAPHQL_VALIDATION_FAILED',
          message: 'Cannot query field "newPrice" on type "Price".',
          serviceName: 'pricing',
        }),
      },
    ]);
  });

  it("drops the response's extensions, Apollo Gateway's valueCompletion among them", async () => {
    const result = await run(server, PARTIAL);
    expect(result).toEqual({ header: expect.any(String), data: null });
    expect(logged).toEqual([]);
  });

  it('passes Apollo Server request errors through, without their stack traces', async () => {
    const result = await run(server, '{ nope }');
    expect(result.errors).toEqual([
      {
        message: 'Cannot query field "nope" on type "Query".',
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });
});

describe('errorMaskingPlugin outside production', () => {
  let server: ApolloServer;
  let logged: Logged[];
  beforeAll(async () => {
    ({ server, logged } = await startServer(false));
  });
  beforeEach(() => logged.splice(0));
  afterAll(() => server.stop());

  it("passes a subgraph's refusal through with its message and subgraph", async () => {
    const result = await run(server, '{ refused }');
    expect(result.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
      {
        message: 'Cannot query field "newPrice" on type "Price".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', serviceName: 'pricing' },
      },
    ]);
  });

  it('passes messages and extensions through, but never a stack trace', async () => {
    const result = await run(server, '{ boom forbidden pricing }', 'dev-1');
    expect(result.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
      { message: 'connection to db-7.internal:5432 refused', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      {
        message: 'Not allowed.',
        extensions: {
          code: 'FORBIDDEN',
          exception: { detail: 'shield' },
          response: { url: 'http://10.0.0.5:4004/graphql', status: 200 },
        },
      },
      {
        message: 'The pricing service is unavailable.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'pricing' },
      },
    ]);
    expect(result.header).toBe('dev-1');
  });

  it('logs each unexpected error once, in full with its cause and the request id', async () => {
    await run(server, '{ boom forbidden pricing }', 'dev-2');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe('unexpected error');
    expect(logged[0]?.details).toMatchObject({
      requestId: 'dev-2',
      code: 'INTERNAL_SERVER_ERROR',
      message: 'connection to db-7.internal:5432 refused',
      path: ['boom'],
    });
    expect((logged[0]?.details['err'] as Error).stack).toMatch(
      /^Error: connection to db-7\.internal:5432 refused\n/,
    );
  });

  it("keeps the response's extensions for debugging", async () => {
    const result = await run(server, PARTIAL);
    expect(Object.keys(result.extensions ?? {})).toEqual(['valueCompletion', 'debugPlan']);
  });
});

describe('errorMaskingPlugin request ids', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('answers every request with its id, new when the client sent none', async () => {
    const { server } = await startServer(true);
    const first = await run(server, '{ pricing }');
    const second = await run(server, '{ pricing }');
    expect(first.header).toMatch(uuid);
    expect(second.header).toMatch(uuid);
    expect(first.header).not.toBe(second.header);
    await server.stop();
  });
});

describe('PUBLIC_ERROR_CODES', () => {
  it('holds the codes written for clients and not INTERNAL_SERVER_ERROR', () => {
    for (const code of [
      'BAD_REQUEST',
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'SUBGRAPH_UNAVAILABLE',
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_SUPPORTED',
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_PARSE_FAILED',
      'OPERATION_RESOLUTION_FAILURE',
      'RATE_LIMITED',
      'OPERATION_TOO_COMPLEX',
    ]) {
      expect(PUBLIC_ERROR_CODES.has(code)).toBe(true);
    }
    expect(PUBLIC_ERROR_CODES.has('INTERNAL_SERVER_ERROR')).toBe(false);
  });
});
