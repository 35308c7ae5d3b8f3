import { answerProblem, classifyFailure } from '../classifyFailure.js';

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
