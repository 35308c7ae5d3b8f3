import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import type { ChangeCriticality, SchemaChange } from './SchemaCheck.js';

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
