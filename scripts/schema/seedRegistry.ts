import type { RegistryClient } from '../../registry/client/RegistryClient.js';
import { readRegisteredOperations } from '../../registry/check/readRegisteredOperations.js';
import type { ClientOperation } from '../../registry/check/SchemaCheck.js';
import type { OperationsAnswer, PublishBody, WriteAnswer } from '../../registry/RegistryApi.js';
import { loadSubgraphSchemas } from '../lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from '../lib/readSupergraphConfig.js';
import type { SchemaCommandConfig } from './config.js';
import { send, type Outcome } from './registryAccess.js';
import { CannotRun } from './SchemaCommand.js';

/** What seeding did: the publish, then (unless it was refused) one `PUT /operations` per client. */
export interface SeedOutcome {
  publish: Outcome<WriteAnswer>;
  operations: Outcome<OperationsAnswer>[];
}

/**
 * Seeds a registry from the repository (`publish --all`, `npm start`): every subgraph of supergraph.yaml in one
 * version (routing URLs from `SUBGRAPH_<NAME>_URL` where set, else supergraph.yaml's), then, unless that is refused, the
 * repository's registered operations, one `PUT /operations` per client (page operations for `storefront`, the
 * persisted-query manifest for each `persisted-only` client). Throws `CannotRun` when the registry cannot be asked.
 */
export async function seedRegistry(
  client: RegistryClient,
  config: SchemaCommandConfig,
  request: Omit<PublishBody, 'subgraphs'>,
): Promise<SeedOutcome> {
  const { subgraphs: listed } = await readSupergraphConfig(config.supergraphConfigPath, config.variables);
  const subgraphs = await loadSubgraphSchemas(listed, { secret: config.internalSecret }).catch(
    (error: Error) => {
      throw new CannotRun(error.message);
    },
  );
  const published = await send(
    () =>
      client.publish({
        ...request,
        subgraphs: subgraphs.map((subgraph) => ({
          ...subgraph,
          url: config.subgraphUrls[subgraph.name] ?? subgraph.url,
        })),
      }),
    config,
  );
  if ('refusal' in published) return { publish: published, operations: [] };

  const byClient = new Map<string, Omit<ClientOperation, 'client'>[]>();
  for (const { client: name, ...operation } of await readRegisteredOperations(config)) {
    byClient.set(name, [...(byClient.get(name) ?? []), operation]);
  }
  const operations: Outcome<OperationsAnswer>[] = [];
  for (const [name, registered] of byClient) {
    operations.push(
      await send(() => client.registerOperations({ client: name, operations: registered }), config),
    );
  }
  return { publish: published, operations };
}
