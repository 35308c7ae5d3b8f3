import path from 'node:path';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { loadClientRegistry } from '../../gateway/partners/ClientRegistry.js';
import { loadPersistedDocuments } from '../../gateway/partners/PersistedDocuments.js';
import { readPageOperations } from '../../gateway/schema/readPageOperations.js';

/** The client that runs the page operations of `schema/operations/`. */
export const STOREFRONT_CLIENT = 'storefront';

/** An operation some client runs, which a schema change must not break. */
export interface RegisteredOperation {
  /** The client that runs it: {@link STOREFRONT_CLIENT}, or a client's name in the client registry. */
  client: string;
  /** Where it is registered, relative to the repository root. */
  source: string;
  name: string;
  /** The operation and the fragments it uses. */
  document: DocumentNode;
  /** Example variables (`<name>.variables.json` next to a page operation), for its cost. */
  variables?: Record<string, unknown>;
}

/** Where the registered operations are. */
export interface RegisteredOperationSources {
  root: string;
  /** The page operations (`schema/operations/`). */
  operationsDir: string;
  /** The client registry (`CLIENTS_PATH`). */
  clientsPath: string;
  /** The persisted-query manifest that `persisted-only` clients run from (`PERSISTED_QUERY_MANIFEST_PATH`). */
  manifestPath: string;
}

/**
 * Every registered operation: the storefront's page operations, then each `persisted-only` client's copy of the
 * manifest's operations (each client breaks on its own). Read with the gateway's own readers, so the check sees
 * what the gateway serves; throws, naming the file, for one that does not parse.
 */
export async function readRegisteredOperations(
  sources: RegisteredOperationSources,
): Promise<RegisteredOperation[]> {
  const pagesSource = path.relative(sources.root, sources.operationsDir);
  const pages = (await readPageOperations(sources.operationsDir)).map(({ name, query, variables }) => ({
    client: STOREFRONT_CLIENT,
    source: pagesSource,
    name,
    document: parse(query),
    ...(variables ? { variables } : {}),
  }));
  const clients = (await loadClientRegistry(sources.clientsPath)).clients
    .filter((client) => client.policy === 'persisted-only')
    .map((client) => client.name);
  if (clients.length === 0) return pages;
  const manifestSource = path.relative(sources.root, sources.manifestPath);
  const manifest = (await loadPersistedDocuments(sources.manifestPath)).operations.map(
    ({ id, name, body }) => {
      const document = parse(body);
      return { name: name ?? getOperationAST(document)?.name?.value ?? id, document };
    },
  );
  const persisted = clients.flatMap((client) =>
    manifest.map((operation) => ({ ...operation, client, source: manifestSource })),
  );
  return [...pages, ...persisted];
}
