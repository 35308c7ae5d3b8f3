import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

/** How a change affects clients: `breaking` can fail an operation, `dangerous` can change what it gets. */
export type ChangeCriticality = 'breaking' | 'dangerous' | 'safe';

/** One difference between two API schemas, as GraphQL Inspector classifies it. */
export interface SchemaChange {
  criticality: ChangeCriticality;
  /** GraphQL Inspector's change type, such as `FIELD_TYPE_CHANGED`. */
  type: string;
  /** The schema coordinate changed (`Product.name`, `Product.related.limit`, `ProductSort.NEWEST`), if any. */
  path: string | null;
  message: string;
  /** Why it is breaking or dangerous, when GraphQL Inspector says. */
  reason?: string;
}

const CRITICALITY: Record<CriticalityLevel, ChangeCriticality> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** Every change from `before` to `after`, most critical first, with GraphQL Inspector's classification. */
export async function classifyChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const order: ChangeCriticality[] = ['breaking', 'dangerous', 'safe'];
  return (await diff(before, after))
    .map((change) => ({
      criticality: CRITICALITY[change.criticality.level],
      type: String(change.type),
      path: change.path ?? null,
      message: change.message,
      ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
    }))
    .sort((a, b) => order.indexOf(a.criticality) - order.indexOf(b.criticality));
}
