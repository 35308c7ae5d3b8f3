import { parsePurgeRequest } from '../purgeRequest.js';

describe('parsePurgeRequest', () => {
  it('accepts tags, bare types and a purge of everything', () => {
    expect(parsePurgeRequest('{"tags":["Product:42","Category"]}')).toEqual({
      tags: ['Product:42', 'Category'],
    });
    expect(parsePurgeRequest('{"all":true}')).toEqual({ all: true });
  });

  it.each([
    ['not JSON', '{tags'],
    ['no tags', '{}'],
    ['an empty list', '{"tags":[]}'],
    ['a non-string tag', '{"tags":[42]}'],
    ['a tag with spaces', '{"tags":["Product: 42"]}'],
    ['all that is not true', '{"all":"yes"}'],
  ])('refuses %s', (_case, message) => {
    expect(parsePurgeRequest(message)).toBeNull();
  });
});
