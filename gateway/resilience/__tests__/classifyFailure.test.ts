import { answerProblem, classifyFailure, refusalErrors } from '../classifyFailure.js';

const codeError = (code: string) => Object.assign(new Error(code), { code });

describe('classifyFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connection'],
    ['ECONNRESET', 'connection'],
    ['UND_ERR_SOCKET', 'connection'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['ERR_SOMETHING_ELSE', 'unexpected'],
  ])('calls an error with code %s a %s failure, keeping it as the cause', (code, kind) => {
    const error = codeError(code);
    expect(classifyFailure(error)).toEqual({ kind, cause: error });
  });

  it('describes an unusable answer by status and content type, never by the error that quotes its body', () => {
    const headers = new Map([['content-type', 'text/html']]);
    const failure = classifyFailure(new Error('Expected JSON, received: <html>secret</html>'), {
      status: 200,
      headers: { get: (name) => headers.get(name) ?? null },
    });
    expect(failure.kind).toBe('invalid-response');
    expect(String(failure.cause)).toContain('HTTP 200, content-type text/html');
    expect(String(failure.cause)).not.toContain('secret');
  });
});

describe('answerProblem', () => {
  const twoRepresentations = {
    representations: [
      { __typename: 'Product', id: '1' },
      { __typename: 'Product', id: '2' },
    ],
  };

  it.each<[Record<string, unknown>, string | undefined]>([
    [{ data: { product: null } }, undefined],
    [{ data: null, errors: [{ message: 'boom' }] }, undefined],
    [{ errors: [{ message: 'boom' }] }, undefined],
    [{ hello: 'world' }, 'it has neither data nor errors'],
    [{ data: 'text' }, 'it has neither data nor errors'],
    [{ errors: [] }, 'it has neither data nor errors'],
  ])('judges %j: %s', (body, problem) => {
    expect(answerProblem(body, {})).toBe(problem);
  });

  it('wants one entity per representation', () => {
    expect(answerProblem({ data: { _entities: [{}, null] } }, twoRepresentations)).toBeUndefined();
    expect(answerProblem({ data: { _entities: [] } }, twoRepresentations)).toBe(
      'it answers 0 entities for 2 representations',
    );
    expect(answerProblem({ data: { _entities: 'x' } }, twoRepresentations)).toBe(
      'it answers no list of entities for 2 representations',
    );
    expect(
      answerProblem({ data: { _entities: null }, errors: [{ message: 'boom' }] }, twoRepresentations),
    ).toBe(undefined);
  });
});

describe('refusalErrors', () => {
  const validation = JSON.stringify({
    errors: [
      {
        message: 'Cannot query field "taxIncluded" on type "Money".',
        locations: [{ line: 1, column: 40 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ],
  });

  it("reads a 4xx GraphQL answer's errors as the subgraph's refusal, without locations in its fetch", () => {
    expect(refusalErrors(400, validation)).toEqual([
      {
        message: 'Cannot query field "taxIncluded" on type "Money".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(refusalErrors(401, JSON.stringify({ errors: [{ message: 'Unauthenticated.' }] }))).toEqual([
      { message: 'Unauthenticated.' },
    ]);
  });

  it.each([
    ['a 5xx with GraphQL errors', 500, validation],
    ['a 503', 503, validation],
    ['a 408 (too slow)', 408, validation],
    ['a 429 (overloaded)', 429, validation],
    ['a 400 that is not JSON', 400, '<html>Bad Request</html>'],
    ['a 400 without errors', 400, '{"data":null}'],
    ['a 400 with an empty error list', 400, '{"errors":[]}'],
    ['a 400 with an error that has no message', 400, '{"errors":[{"code":"X"}]}'],
    ['a 200', 200, validation],
  ])('leaves %s a failure', (_case, status, body) => {
    expect(refusalErrors(status, body)).toBeUndefined();
  });
});
