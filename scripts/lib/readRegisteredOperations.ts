import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { buildManifest } from './persistedQueryManifest.js';

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
 * manifest's operations (each client breaks on its own). Throws, naming the file, for one that does not parse.
 */
export async function readRegisteredOperations(
  sources: RegisteredOperationSources,
): Promise<RegisteredOperation[]> {
  const pages = await readPageOperations(sources);
  const clients = await persistedOnlyClients(sources.clientsPath);
  const manifest = clients.length ? await readManifestOperations(sources.manifestPath) : [];
  const manifestSource = path.relative(sources.root, sources.manifestPath);
  const persisted = clients.flatMap((client) =>
    manifest.map((operation) => ({ ...operation, client, source: manifestSource })),
  );
  return [...pages, ...persisted];
}

async function readPageOperations(sources: RegisteredOperationSources): Promise<RegisteredOperation[]> {
  const source = path.relative(sources.root, sources.operationsDir);
  const { operations } = await buildManifest(sources.operationsDir);
  return Promise.all(
    operations.map(async ({ name, body }) => {
      const variablesFile = path.join(sources.operationsDir, `${name}.variables.json`);
      const variables = (await exists(variablesFile))
        ? (JSON.parse(await readFile(variablesFile, 'utf8')) as Record<string, unknown>)
        : undefined;
      return { client: STOREFRONT_CLIENT, source, name, document: parse(body), variables };
    }),
  );
}

/**
 * The manifest's operations: Apollo's `apollo-persisted-query-manifest` (`operations: [{ id, name, body }]`), or a
 * map of id to body as GraphQL Code Generator's client preset writes it.
 */
async function readManifestOperations(
  manifestPath: string,
): Promise<Omit<RegisteredOperation, 'client' | 'source'>[]> {
  const parsed = JSON.parse(await readFile(manifestPath, 'utf8')) as unknown;
  const bodies =
    isRecord(parsed) &&
    parsed['format'] === 'apollo-persisted-query-manifest' &&
    Array.isArray(parsed['operations'])
      ? parsed['operations'].map((operation: unknown) =>
          isRecord(operation) ? operation['body'] : undefined,
        )
      : isRecord(parsed)
        ? Object.values(parsed)
        : [];
  return bodies.map((body, index) => {
    if (typeof body !== 'string') throw new Error(`${manifestPath}: operation ${index} has no body`);
    const document = parse(body);
    const name = getOperationAST(document)?.name?.value ?? `operation ${index}`;
    return { name, document };
  });
}

/** The names of the clients that may run only the manifest's operations. */
async function persistedOnlyClients(clientsPath: string): Promise<string[]> {
  const parsed = JSON.parse(await readFile(clientsPath, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${clientsPath}: expected an array of clients`);
  return parsed
    .filter((client): client is Record<string, unknown> => isRecord(client))
    .filter((client) => client['policy'] === 'persisted-only' && typeof client['name'] === 'string')
    .map((client) => String(client['name']));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
