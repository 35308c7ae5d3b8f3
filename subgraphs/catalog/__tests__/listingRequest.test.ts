import { GraphQLError } from 'graphql';
import { encodeCursor } from '../listing/cursor.js';
import { toListingRequest, type ListingArgs } from '../listing/listingRequest.js';

function rejection(args: ListingArgs): { message: string; code: unknown; argumentName: unknown } {
  try {
    toListingRequest(args);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return {
      message: error.message,
      code: error.extensions['code'],
      argumentName: error.extensions['argumentName'],
    };
  }
  throw new Error(`accepted ${JSON.stringify(args)}`);
}

describe('toListingRequest', () => {
  it('defaults to the first 24 featured products of the whole catalog', () => {
    expect(toListingRequest({})).toEqual({
      sort: 'FEATURED',
      categoryId: null,
      brandId: null,
      text: null,
      first: 24,
      after: null,
    });
  });

  it('reads filters, trims the text and decodes the cursor for its sort', () => {
    const after = encodeCursor('NAME_DESC', { key: 'Sleek Tent Beta', id: 42 });
    expect(
      toListingRequest({
        first: 100,
        after,
        sort: 'NAME_DESC',
        filter: { categoryId: '9', brandId: '3', text: '  classic tent ' },
      }),
    ).toEqual({
      sort: 'NAME_DESC',
      categoryId: 9,
      brandId: 3,
      text: 'classic tent',
      first: 100,
      after: { key: 'Sleek Tent Beta', id: 42 },
    });
  });

  it('lists the category of a Category.products field', () => {
    expect(toListingRequest({ filter: { brandId: '2' } }, 41)).toMatchObject({ categoryId: 41, brandId: 2 });
  });

  it('rejects page sizes outside 1..100, naming the cap', () => {
    for (const first of [0, -1, 101]) {
      const { message, code, argumentName } = rejection({ first });
      expect(code).toBe('BAD_USER_INPUT');
      expect(argumentName).toBe('first');
      expect(message).toContain('100');
    }
  });

  it('rejects a cursor made for another sort', () => {
    const after = encodeCursor('FEATURED', { key: 7919, id: 1 });
    expect(rejection({ after, sort: 'NEWEST' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
    expect(rejection({ after: 'not-a-cursor' }).message).toContain('invalid cursor');
  });

  it('rejects text shorter than 2 or longer than 100 characters after trimming', () => {
    for (const text of ['', ' a ', 'x'.repeat(101)]) {
      expect(rejection({ filter: { text } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'filter',
      });
    }
    expect(toListingRequest({ filter: { text: ` ${'x'.repeat(100)} ` } }).text).toHaveLength(100);
  });

  it('rejects category and brand ids that are not catalog ids', () => {
    for (const filter of [
      { categoryId: 'abc' },
      { brandId: '-1' },
      { brandId: '1.5' },
      { categoryId: '9999999999' },
    ]) {
      expect(rejection({ filter })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter' });
    }
  });
});
