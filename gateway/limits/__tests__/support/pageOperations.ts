import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The client-facing (API) schema of `schema/supergraph.graphql`, as the gateway serves it. */
export async function loadApiSchema(): Promise<GraphQLSchema> {
  const supergraphSdl = await readFile(path.join(root, 'schema/supergraph.graphql'), 'utf8');
  const gateway = new ApolloGateway({ supergraphSdl });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

export interface PageOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The page operations of `schema/operations/`, with their example variables. */
export const PAGE_OPERATION_NAMES = ['HomePage', 'CategoryPage', 'ProductPage'] as const;

export async function readPageOperation(name: string): Promise<PageOperation> {
  const dir = path.join(root, 'schema/operations');
  const [query, variables] = await Promise.all([
    readFile(path.join(dir, `${name}.graphql`), 'utf8'),
    readFile(path.join(dir, `${name}.variables.json`), 'utf8'),
  ]);
  return { name, query, variables: JSON.parse(variables) as Record<string, unknown> };
}
