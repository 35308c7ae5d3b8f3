import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDeclaredCosts, type DeclaredCosts } from '../../declaredCosts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The text of `schema/supergraph.graphql`. */
export function readSupergraphSdl(): Promise<string> {
  return readFile(path.join(root, 'schema/supergraph.graphql'), 'utf8');
}

/** The client-facing (API) schema of `schema/supergraph.graphql`, as the gateway serves it. */
export async function loadApiSchema(): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: await readSupergraphSdl() });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

/** The `@cost` and `@listSize` declarations of `schema/supergraph.graphql`, as the gateway's limits read them. */
export async function loadDeclaredCosts(): Promise<DeclaredCosts> {
  return readDeclaredCosts(await readSupergraphSdl());
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
