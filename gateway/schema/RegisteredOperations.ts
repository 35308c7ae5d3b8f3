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
  /** The document's text exactly as registered: clients send it as is, or by its SHA-256. */
  body: string;
  document: DocumentNode;
  /** Whether the document holds this operation alone, so that a request may leave its name out. */
  sole: boolean;
  /** Example variables (`<name>.variables.json` beside a page operation), what its cost is counted with. */
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
  const sources: { source: string; body: string; variables?: Record<string, unknown> }[] = (
    await readPageOperations(operationsDir)
  ).map(({ name, query, variables }) => ({
    source: path.join(path.basename(operationsDir), `${name}.graphql`),
    body: query,
    ...(variables ? { variables } : {}),
  }));
  for (const { id, name, body } of manifest.documents.operations) {
    sources.push({ source: `${path.basename(manifest.path)} ${name ?? id}`, body });
  }
  const seen = new Set<string>();
  return sources.flatMap(({ source, body, variables }) =>
    operationsOf(source, body, variables).filter((operation) => {
      const key = `${operation.name ?? ''}\n${body}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

function operationsOf(
  source: string,
  body: string,
  variables: Record<string, unknown> | undefined,
): RegisteredOperation[] {
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch (error) {
    throw new Error(`${source}: not a GraphQL document (${(error as Error).message})`);
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.map((operation) => ({
    name: operation.name?.value,
    source,
    body,
    document,
    sole: operations.length === 1,
    ...(variables ? { variables } : {}),
  }));
}
