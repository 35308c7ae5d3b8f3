import { readClientsFile } from '../../gateway/partners/ClientRegistry.js';
import type { RegistryClient } from '../../registry/client/RegistryClient.js';
import { readRegisteredOperations } from '../../registry/check/readRegisteredOperations.js';
import type { ClientOperation } from '../../registry/check/SchemaCheck.js';
import type { OperationsAnswer, PublishBody, WriteAnswer } from '../../registry/RegistryApi.js';
import { loadSubgraphSchemas } from '../lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from '../lib/readSupergraphConfig.js';
import type { SchemaCommandConfig } from './config.js';
import { send, type Outcome } from './registryAccess.js';
import { CannotRun } from './SchemaCommand.js';

/** What seeding did: the clients file's clients, the publish, then (unless refused) one `PUT /operations` per client. */
export interface SeedOutcome {
  /** Each client of `config.clientsPath`: created now, or already there (left as it is). */
  clients: { name: string; created: boolean }[];
  publish: Outcome<WriteAnswer>;
  operations: Outcome<OperationsAnswer>[];
}

/**
 * Seeds a registry from the repository (`publish --all`, `npm start`): the clients of `config/clients.json`
 * (`CLIENTS_PATH`) the registry does not have yet, by their keys' digests; every subgraph of supergraph.yaml in one
 * version (routing URLs from `SUBGRAPH_<NAME>_URL` where set, else supergraph.yaml's), then, unless that is refused, the
 * repository's registered operations, one `PUT /operations` per client (page operations for `storefront`, the
 * persisted-query manifest for each `persisted-only` client). Throws `CannotRun` when the registry cannot be asked.
 */
export async function seedRegistry(
  client: RegistryClient,
  config: SchemaCommandConfig,
  request: Omit<PublishBody, 'subgraphs'>,
): Promise<SeedOutcome> {
  const clients = await seedClients(client, config);
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
  if ('refusal' in published) return { clients, publish: published, operations: [] };

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
  return { clients, publish: published, operations };
}

/** Creates each client of the clients file the registry lacks; a name it has is left as it is (keys and all). */
async function seedClients(
  client: RegistryClient,
  config: SchemaCommandConfig,
): Promise<SeedOutcome['clients']> {
  const entries = await readClientsFile(config.clientsPath).catch((error: Error) => {
    throw new CannotRun(error.message);
  });
  const seeded: SeedOutcome['clients'] = [];
  for (const { name, keyKind, policy, apiKeySha256 } of entries) {
    const outcome = await send(
      () => client.createClient({ name, kind: keyKind, policy, apiKeySha256 }),
      config,
    );
    if ('refusal' in outcome && outcome.refusal.code !== 'CLIENT_EXISTS')
      throw new CannotRun(outcome.refusal.message);
    seeded.push({ name, created: !('refusal' in outcome) });
  }
  return seeded;
}
