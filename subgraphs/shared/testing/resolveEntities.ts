import type { RequestContext } from '../../../contracts/requestContext.js';
import type { ServedSubgraph } from './serveForTest.js';

/**
 * Resolves `representations` with `query`, whose `_entities` takes them as `$r`, and answers `_entities` in
 * representation order. Fails the test if the answer has any error.
 * @param variables the other variables of `query`, if it has any.
 */
export async function resolveEntities<E>(
  subgraph: Pick<ServedSubgraph, 'request'>,
  query: string,
  representations: object[],
  context: Partial<RequestContext> = {},
  variables: Record<string, unknown> = {},
): Promise<E[]> {
  const response = await subgraph.request<{ _entities: E[] }>(
    query,
    { ...variables, r: representations },
    context,
  );
  expect(response.errors).toBeUndefined();
  return response.data?._entities ?? [];
}
