import type { Database } from '../database/Database.js';
import { existingRow, groupLoader, rowByKey, rowLoader, rowsGroupedByKey } from '../loaderBatch.js';

type Row = { id: number; ownerId: number; name: string };

const ROWS: Row[] = [
  { id: 1, ownerId: 10, name: 'a' },
  { id: 2, ownerId: 20, name: 'b' },
  { id: 3, ownerId: 10, name: 'c' },
];

/** A database the helpers pass along untouched: the batch queries below read `ROWS`. */
const db: Database = {
  query: async () => [],
  exec: async () => {},
  transaction: (work) => work(db),
  close: async () => {},
};

describe('rowByKey', () => {
  it('answers each key with its row, in key order, and null for a key without one', () => {
    expect(rowByKey([3, 99, 1], ROWS, (row) => row.id)).toEqual([ROWS[2], null, ROWS[0]]);
  });
});

describe('rowsGroupedByKey', () => {
  it('answers each key with its rows in row order, and [] for a key without any', () => {
    expect(rowsGroupedByKey([20, 30, 10], ROWS, (row) => row.ownerId)).toEqual([
      [ROWS[1]],
      [],
      [ROWS[0], ROWS[2]],
    ]);
  });
});

describe('rowLoader', () => {
  it('runs one query per batch with every key and answers null for an unknown key, not an Error', async () => {
    const batches: (readonly number[])[] = [];
    const loader = rowLoader(
      db,
      async (_db, ids: readonly number[]) => {
        batches.push(ids);
        return ROWS.filter((row) => ids.includes(row.id));
      },
      (row) => row.id,
    );
    const answers = await Promise.all([2, 99, 1].map((id) => loader.load(id)));
    expect(batches).toEqual([[2, 99, 1]]);
    expect(answers).toEqual([ROWS[1], null, ROWS[0]]);
  });
});

describe('groupLoader', () => {
  it('runs one query per batch with every key and answers [] for a key without rows', async () => {
    const batches: (readonly number[])[] = [];
    const loader = groupLoader(
      db,
      async (_db, owners: readonly number[]) => {
        batches.push(owners);
        return ROWS.filter((row) => owners.includes(row.ownerId));
      },
      (row) => row.ownerId,
    );
    const answers = await Promise.all([10, 30].map((owner) => loader.load(owner)));
    expect(batches).toEqual([[10, 30]]);
    expect(answers).toEqual([[ROWS[0], ROWS[2]], []]);
  });
});

describe('existingRow', () => {
  it('passes a row through and fails, naming it, for a missing one', () => {
    expect(existingRow(ROWS[0]!, 'Brand', 1)).toBe(ROWS[0]);
    expect(() => existingRow(null, 'Brand', 7)).toThrow('Brand 7 not found');
  });
});
