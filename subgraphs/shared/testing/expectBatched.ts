import type { ServedSubgraph } from './serveForTest.js';

/**
 * Asserts that a request for 20 entities runs the same `statements` statements as one for 5, none of them twice:
 * the subgraph loads in batches, whatever the number of entities.
 * @param request sends one request for `count` entities to `subgraph`.
 */
export async function expectBatched(
  subgraph: Pick<ServedSubgraph, 'reports'>,
  request: (count: number) => Promise<unknown>,
  statements: number,
): Promise<void> {
  const statementsFor = async (count: number) => {
    await request(count);
    return subgraph.reports.at(-1)?.statements ?? [];
  };
  const five = await statementsFor(5);
  const twenty = await statementsFor(20);
  expect(twenty).toHaveLength(statements);
  expect(twenty).toEqual(five);
  expect(new Set(twenty).size).toBe(twenty.length);
}
