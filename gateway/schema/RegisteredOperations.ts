import path from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import type { PersistedDocuments } from '../partners/PersistedDocuments.js';
import { readPageOperations } from './readPageOperations.js';

/** An operation clients are known to run, which every supergraph the gateway serves must validate and plan. */
export interface RegisteredOperation {
  /** The operation's name; undefined for an anonymous one. */
  name: string | undefined;
  /** Where it is registered, for messages: its file, or the manifest and its id there. */
  source: string;
  /** The clients that run it, for messages, when the source names them (the schema registry does). */
  clients?: readonly string[];
  /** The document's text exactly as registered: clients send it as is, or by its SHA-256. */
  body: string;
  document: DocumentNode;
  /** Whether the document holds this operation alone, so that a request may leave its name out. */
  sole: boolean;
  /** Example variables (`<name>.variables.json` beside a page operation), what its cost is counted with. */
  variables?: Record<string, unknown>;
}

/** One registered document as its source gives it. */
export interface RegisteredDocument {
  source: string;
  body: string;
  /** The operation of the document it registers; default every operation the document holds. */
  name?: string;
  /** The client that runs it. Default none named. */
  client?: string;
  variables?: Record<string, unknown>;
}

/**
 * Every registered operation: each `*.graphql` file of `operationsDir` (a missing folder holds none) and each
 * operation of the persisted-query manifest, once per distinct text and name. Throws, naming the file or id, for a
 * document that does not parse: the registration itself is broken, whatever the supergraph.
 */
export async function loadRegisteredOperations(
  operationsDir: string,
  manifest: { path: string; documents: PersistedDocuments },
): Promise<RegisteredOperation[]> {
  const documents: RegisteredDocument[] = (await readPageOperations(operationsDir)).map(
    ({ name, query, variables }) => ({
      source: path.join(path.basename(operationsDir), `${name}.graphql`),
      body: query,
      ...(variables ? { variables } : {}),
    }),
  );
  for (const { id, name, body } of manifest.documents.operations) {
    documents.push({ source: `${path.basename(manifest.path)} ${name ?? id}`, body });
  }
  return registeredOperations(documents);
}

/**
 * The operations of `documents`, once per distinct text and name; an operation several clients register names
 * them all. Throws, naming the source, for a document that does not parse.
 */
export function registeredOperations(documents: readonly RegisteredDocument[]): RegisteredOperation[] {
  const byKey = new Map<string, RegisteredOperation>();
  for (const registered of documents) {
    for (const operation of operationsOf(registered)) {
      const key = `${operation.name ?? ''}\n${operation.body}`;
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, operation);
      else if (operation.clients && !seen.clients?.includes(operation.clients[0]!)) {
        byKey.set(key, { ...seen, clients: [...(seen.clients ?? []), ...operation.clients] });
      }
    }
  }
  return [...byKey.values()];
}

function operationsOf({ source, body, name, client, variables }: RegisteredDocument): RegisteredOperation[] {
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch (error) {
    throw new Error(`${source}: not a GraphQL document (${(error as Error).message})`);
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const named = name === undefined ? [] : operations.filter((operation) => operation.name?.value === name);
  return (named.length > 0 ? named : operations).map((operation) => ({
    name: operation.name?.value,
    source,
    ...(client ? { clients: [client] } : {}),
    body,
    document,
    sole: operations.length === 1,
    ...(variables ? { variables } : {}),
  }));
}
