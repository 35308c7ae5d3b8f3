import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** One registered operation, in Apollo's persisted-query-manifest format. */
export interface ManifestOperation {
  /** SHA-256 (hex) of `body`: the id a client sends in `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation and the fragments it uses, printed by graphql-js: comments and layout never change it. */
  body: string;
}

/** Apollo's persisted-query manifest (`apollo-persisted-query-manifest`, version 1). */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** A document as codegen hands it to a plugin: parsed, with the file it came from. */
export interface SourceDocument {
  document?: DocumentNode;
  location?: string;
}

interface Named<T> {
  node: T;
  file: string;
}

/**
 * The codegen plugin behind `schema/persisted-query-manifest.json` (see codegen.ts): the manifest of the documents
 * codegen loaded, after it validated them against the supergraph's API schema.
 */
export function plugin(_schema: GraphQLSchema, documents: readonly SourceDocument[]): string {
  return serializeManifest(manifestOf(documents));
}

/** The manifest of the operations in `directory`'s `*.graphql` files, as `manifestOf` builds it. */
export async function buildManifest(directory: string): Promise<PersistedQueryManifest> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.graphql')).sort();
  return manifestOf(
    await Promise.all(
      files.map(async (file) => ({
        location: file,
        document: parse(await readFile(path.join(directory, file), 'utf8')),
      })),
    ),
  );
}

/**
 * Builds the manifest of every operation in `documents`, sorted by name. Fragments may live in any of the
 * documents; each operation's body carries exactly the fragments it uses, directly or through other fragments.
 * Throws, naming the file, for an anonymous operation, a name used twice or a missing fragment.
 */
export function manifestOf(documents: readonly SourceDocument[]): PersistedQueryManifest {
  const operations = new Map<string, Named<OperationDefinitionNode>>();
  const fragments = new Map<string, Named<FragmentDefinitionNode>>();
  for (const { document, location = '(unnamed document)' } of documents) {
    for (const definition of document?.definitions ?? []) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error(`${location}: every operation needs a name; one has none`);
        addUnique(operations, definition.name.value, { node: definition, file: location }, 'operation');
      } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        addUnique(fragments, definition.name.value, { node: definition, file: location }, 'fragment');
      }
    }
  }
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [...operations.keys()].sort().map((name) => {
      const { node, file } = operations.get(name)!;
      const body = print({
        kind: Kind.DOCUMENT,
        definitions: [node, ...usedFragments(node, fragments, file)],
      });
      return { id: sha256(body), name, type: node.operation, body };
    }),
  };
}

/** The manifest as committed: 2-space JSON and a final newline. */
export function serializeManifest(manifest: PersistedQueryManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function addUnique<T>(map: Map<string, Named<T>>, name: string, entry: Named<T>, kind: string): void {
  const existing = map.get(name);
  if (existing) throw new Error(`${entry.file}: ${kind} "${name}" is also defined in ${existing.file}`);
  map.set(name, entry);
}

// Follows fragment spreads transitively; returns the fragments sorted by name so the body is deterministic.
function usedFragments(
  operation: OperationDefinitionNode,
  fragments: Map<string, Named<FragmentDefinitionNode>>,
  file: string,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DocumentNode['definitions'][number][] = [operation];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${file}: fragment "${name}" is used but defined in no document`);
        used.set(name, fragment.node);
        pending.push(fragment.node);
      },
    });
  }
  return [...used.keys()].sort().map((name) => used.get(name)!);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
