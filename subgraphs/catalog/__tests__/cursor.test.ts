import { decodeCursor, encodeCursor, PRODUCT_SORTS } from '../listing/cursor.js';

function rawCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('listing cursor', () => {
  it('decodes what it encoded, for every sort', () => {
    const keys = {
      FEATURED: 9_997,
      NAME_ASC: 'Classic Tent Alpha',
      NAME_DESC: 'Ünïcode “name”',
      NEWEST: '2026-11-02T00:24:07.774512Z',
    };
    for (const sort of PRODUCT_SORTS) {
      const cursor = encodeCursor(sort, { key: keys[sort], id: 385 });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, sort)).toEqual({ key: keys[sort], id: 385 });
    }
  });

  it('rejects a cursor made for another sort', () => {
    const cursor = encodeCursor('NAME_ASC', { key: 'Classic Tent Alpha', id: 1 });
    expect(decodeCursor(cursor, 'NAME_DESC')).toBeNull();
    expect(decodeCursor(encodeCursor('FEATURED', { key: 7919, id: 1 }), 'NEWEST')).toBeNull();
  });

  it('rejects text that is not a cursor', () => {
    for (const garbage of ['', 'abc', '!!!', rawCursor('FEATURED'), rawCursor(null), rawCursor([1, 2])]) {
      expect(decodeCursor(garbage, 'FEATURED')).toBeNull();
    }
  });

  it('rejects keys and ids the database could not compare', () => {
    const cases: [unknown, 'FEATURED' | 'NAME_ASC' | 'NEWEST'][] = [
      [{ sort: 'FEATURED', key: '7919', id: 1 }, 'FEATURED'],
      [{ sort: 'FEATURED', key: 2 ** 31, id: 1 }, 'FEATURED'],
      [{ sort: 'FEATURED', key: 7919, id: 0 }, 'FEATURED'],
      [{ sort: 'FEATURED', key: 7919, id: 1.5 }, 'FEATURED'],
      [{ sort: 'FEATURED', key: 7919, id: 2 ** 31 }, 'FEATURED'],
      [{ sort: 'NAME_ASC', key: 12, id: 1 }, 'NAME_ASC'],
      [{ sort: 'NAME_ASC', key: 'a\u0000b', id: 1 }, 'NAME_ASC'],
      [{ sort: 'NEWEST', key: '2026-02-30T00:00:00.000000Z', id: 1 }, 'NEWEST'],
      [{ sort: 'NEWEST', key: '2026-02-01T00:00:00Z', id: 1 }, 'NEWEST'],
      [{ sort: 'NEWEST', key: 'yesterday', id: 1 }, 'NEWEST'],
    ];
    for (const [value, sort] of cases) expect(decodeCursor(rawCursor(value), sort)).toBeNull();
    expect(
      decodeCursor(rawCursor({ sort: 'NEWEST', key: '2026-02-28T23:59:59.999999Z', id: 3 }), 'NEWEST'),
    ).toEqual({
      key: '2026-02-28T23:59:59.999999Z',
      id: 3,
    });
  });
});
