import { readRequestId } from '../requestId.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('readRequestId', () => {
  it('keeps a sane token of up to 64 characters as it is', () => {
    expect(readRequestId('abc.DEF_123-x')).toBe('abc.DEF_123-x');
    expect(readRequestId('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('keeps a UUID the gateway made, so a subgraph logs under the same id', () => {
    const made = readRequestId(undefined);
    expect(made).toMatch(uuid);
    expect(readRequestId(made)).toBe(made);
  });

  it('makes a new UUID for a missing, empty, long or unsafe value', () => {
    for (const value of [undefined, '', 'a'.repeat(65), 'x\r\nset-cookie: a=b', '<script>', 'a b', 'a:b']) {
      expect(readRequestId(value)).toMatch(uuid);
    }
  });

  it('makes a different id each time it has to make one', () => {
    expect(readRequestId('bad id')).not.toBe(readRequestId('bad id'));
  });
});
