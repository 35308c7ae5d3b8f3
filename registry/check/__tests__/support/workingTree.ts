import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_INTERNAL_SECRET } from '../../../../contracts/internalIdentity.js';
import { DEFAULT_OPERATION_LIMITS } from '../../../../gateway/limits/operationLimits.js';
import { loadSubgraphSchemas } from '../../../../scripts/lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from '../../../../scripts/lib/readSupergraphConfig.js';
import { readRegisteredOperations } from '../../readRegisteredOperations.js';
import type { ClientOperation, SchemaCheckInput, SubgraphSchema } from '../../SchemaCheck.js';

/** The repository's root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The working tree's subgraphs, as supergraph.yaml lists them. */
export async function workingTreeSubgraphs(): Promise<SubgraphSchema[]> {
  const config = await readSupergraphConfig(path.join(root, 'supergraph.yaml'));
  return loadSubgraphSchemas(config.subgraphs, { secret: DEVELOPMENT_INTERNAL_SECRET });
}

/** The committed supergraph. */
export function committedSupergraph(): Promise<string> {
  return readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
}

/** The repository's registered operations: page operations (storefront) and the manifest for partner-dev. */
export function registeredOperations(): Promise<ClientOperation[]> {
  return readRegisteredOperations({
    root,
    operationsDir: path.join(root, 'schema', 'operations'),
    clientsPath: path.join(root, 'config', 'clients.json'),
    manifestPath: path.join(root, 'schema', 'persisted-query-manifest.json'),
  });
}

/** `subgraphs` with `name`'s SDL edited; fails the test when the edit changes nothing. */
export function editSubgraph(
  subgraphs: readonly SubgraphSchema[],
  name: string,
  edit: (sdl: string) => string,
): SubgraphSchema[] {
  return subgraphs.map((subgraph) => {
    if (subgraph.name !== name) return subgraph;
    const sdl = edit(subgraph.sdl);
    if (sdl === subgraph.sdl) throw new Error(`the edit changes nothing in ${name}'s SDL`);
    return { ...subgraph, sdl };
  });
}

/** A check of the working tree against the committed supergraph, with the gateway's default cost limit. */
export async function workingTreeInput(overrides: Partial<SchemaCheckInput> = {}): Promise<SchemaCheckInput> {
  return {
    baseline: { supergraphSdl: await committedSupergraph() },
    subgraphs: await workingTreeSubgraphs(),
    changed: [],
    operations: await registeredOperations(),
    limits: {
      maxCost: DEFAULT_OPERATION_LIMITS.maxCost,
      defaultListSize: DEFAULT_OPERATION_LIMITS.defaultListSize,
    },
    policy: {},
    ...overrides,
  };
}
