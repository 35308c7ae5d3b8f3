import type { ServedSubgraph } from './serveForTest.js';
import { errorCodes, type GraphQLResponse } from './subgraphHarness.js';
import { admin, shopper } from './viewers.js';

type Requester = Pick<ServedSubgraph, 'request' | 'reports'>;

/**
 * Asserts that `mutation` asks anonymous callers to sign in (UNAUTHENTICATED) and refuses a customer (FORBIDDEN),
 * each with that one error, no data and before any statement runs.
 */
export async function expectAdminOnly(
  subgraph: Requester,
  mutation: string,
  variables: Record<string, unknown>,
): Promise<void> {
  for (const [viewer, code] of [
    [null, 'UNAUTHENTICATED'],
    [shopper, 'FORBIDDEN'],
  ] as const) {
    const response = await subgraph.request(mutation, variables, { viewer });
    // The refused mutation field is null, and only it: `data` itself stays.
    expect(response.data && Object.values(response.data)).toEqual([null]);
    expect(errorCodes(response)).toEqual([code]);
    expect(subgraph.reports.at(-1)?.statements).toEqual([]);
  }
}

/**
 * The two tests of an admin-only mutation: anonymous callers and customers are turned away before any statement
 * runs (`expectAdminOnly`), and an admin is answered as `expectAnswer` checks.
 * @param does what the admin may do, for the name of the second test: `lets an admin <does>`.
 */
export function itRequiresAdmin(
  subgraph: Requester,
  mutation: string,
  variables: Record<string, unknown>,
  does: string,
  expectAnswer: (response: GraphQLResponse) => void,
): void {
  it('asks anonymous callers to sign in and refuses customers, before any statement runs', () =>
    expectAdminOnly(subgraph, mutation, variables));

  it(`lets an admin ${does}`, async () => {
    expectAnswer(await subgraph.request(mutation, variables, { viewer: admin }));
  });
}
