import path from 'node:path';
import { getOperationAST, Kind, parse } from 'graphql';
import { loadClientRegistry } from '../../gateway/partners/ClientRegistry.js';
import { loadPersistedDocuments } from '../../gateway/partners/PersistedDocuments.js';
import { readPageOperations } from '../../gateway/schema/readPageOperations.js';
import type { ClientOperation } from './SchemaCheck.js';

/** The client that runs the page operations of `schema/operations/`. */
export const STOREFRONT_CLIENT = 'storefront';

/** Where a repository keeps its registered operations. */
export interface RegisteredOperationSources {
  /** The repository root; sources in messages are relative to it. */
  root: string;
  /** The page operations (`schema/operations/`). */
  operationsDir: string;
  /** The client registry (`CLIENTS_PATH`). */
  clientsPath: string;
  /** The persisted-query manifest that `persisted-only` clients run from (`PERSISTED_QUERY_MANIFEST_PATH`). */
  manifestPath: string;
}

/**
 * Every operation a repository registers for the graph's clients: the storefront's page operations with their
 * example variables, then each `persisted-only` client's copy of the manifest's operations (each client breaks on
 * its own). Read with the gateway's own readers, so the check sees what the gateway serves; throws, naming the
 * file, for one that does not parse.
 */
export async function readRegisteredOperations(
  sources: RegisteredOperationSources,
): Promise<ClientOperation[]> {
  const relative = (file: string) => path.relative(sources.root, file);
  const pages = (await readPageOperations(sources.operationsDir)).flatMap(({ name, query, variables }) => {
    const source = relative(path.join(sources.operationsDir, `${name}.graphql`));
    return operationNames(query, source).map((operation) => ({
      client: STOREFRONT_CLIENT,
      source,
      name: operation ?? name,
      body: query,
      ...(variables ? { variables } : {}),
    }));
  });
  const clients = (await loadClientRegistry(sources.clientsPath)).clients
    .filter((client) => client.policy === 'persisted-only')
    .map((client) => client.name);
  if (clients.length === 0) return pages;
  const manifest = (await loadPersistedDocuments(sources.manifestPath)).operations.map(
    ({ id, name, body }) => {
      const source = `${relative(sources.manifestPath)} ${name ?? id}`;
      return { source, name: name ?? getOperationAST(parseOrThrow(body, source))?.name?.value, body };
    },
  );
  return [...pages, ...clients.flatMap((client) => manifest.map((operation) => ({ client, ...operation })))];
}

/** The names of the operations in `body` (undefined for an anonymous one). */
function operationNames(body: string, source: string): (string | undefined)[] {
  return parseOrThrow(body, source)
    .definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    .map((definition) => definition.name?.value);
}

function parseOrThrow(body: string, source: string) {
  try {
    return parse(body);
  } catch (error) {
    throw new Error(`${source}: not a GraphQL document (${(error as Error).message})`);
  }
}
