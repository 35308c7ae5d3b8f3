import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { RegisteredOperation } from '../../schema/RegisteredOperations.js';
import { OperationNames } from '../OperationNames.js';

const body = 'query ProductPage($slug: String!) { product(slug: $slug) { id } }';
const operation = (name: string, text: string, sole: boolean): RegisteredOperation => ({
  name,
  source: 'test',
  body: text,
  document: parse(text),
  sole,
});

describe('OperationNames', () => {
  const names = new OperationNames([
    operation('ProductPage', body, true),
    operation('A', 'query A { a } query B { b }', false),
  ]);

  it('names a request by its operationName, its registered text, or that text’s SHA-256', () => {
    expect(names.nameOf({ operationName: 'Anything', query: body })).toBe('Anything');
    expect(names.nameOf({ query: body })).toBe('ProductPage');
    const sha256Hash = createHash('sha256').update(body).digest('hex');
    expect(names.nameOf({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).toBe('ProductPage');
    expect(names.nameOf(undefined, new URLSearchParams({ query: body }))).toBe('ProductPage');
  });

  it('names nothing it cannot tell from the request', () => {
    expect(names.nameOf({ query: '{ product { id } }' })).toBeUndefined();
    expect(names.nameOf({ query: 'query A { a } query B { b }' })).toBeUndefined();
    expect(names.nameOf('not an object')).toBeUndefined();
    expect([...names.names].sort()).toEqual(['A', 'ProductPage']);
  });
});
