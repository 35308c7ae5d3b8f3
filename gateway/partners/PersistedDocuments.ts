import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The registered operations, by id (the SHA-256 of the body, hex). */
export interface PersistedDocuments {
  /** The operation's document, or undefined when no registered operation has this id. */
  get(id: string): string | undefined;
  /** How many operations are registered. */
  readonly size: number;
  /** Every registered operation, in manifest order. */
  readonly operations: readonly PersistedDocument[];
}

/** One operation of the manifest. */
export interface PersistedDocument {
  id: string;
  /** The operation's name as the manifest gives it, if it does. */
  name?: string;
  body: string;
}

/**
 * Reads the persisted-query manifest at `path` (Apollo's `apollo-persisted-query-manifest`, version 1, as written
 * by `npm run codegen`). Refuses a manifest in another format or version, and any operation whose id is not the
 * SHA-256 of its body, naming the operation: a wrong id would let a client run something other than what it named.
 */
export async function loadPersistedDocuments(path: string): Promise<PersistedDocuments> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not readable as JSON (${(error as Error).message}); run \`npm run codegen\``);
  }
  const { format, version, operations } = (parsed ?? {}) as Record<string, unknown>;
  if (format !== 'apollo-persisted-query-manifest' || version !== 1) {
    throw new Error(
      `${path}: format is ${JSON.stringify(format)} version ${JSON.stringify(version)}; ` +
        'expected "apollo-persisted-query-manifest" version 1',
    );
  }
  if (!Array.isArray(operations)) throw new Error(`${path}: "operations" must be an array`);
  const bodies = new Map<string, string>();
  const documents: PersistedDocument[] = [];
  operations.forEach((value: unknown, index) => {
    const { id, name, body } = (value ?? {}) as Record<string, unknown>;
    const label = typeof name === 'string' ? `operation "${name}"` : `operations[${index}]`;
    if (typeof id !== 'string' || typeof body !== 'string') {
      throw new Error(`${path}: ${label} needs a string "id" and "body"`);
    }
    if (createHash('sha256').update(body).digest('hex') !== id) {
      throw new Error(
        `${path}: ${label} has an id that is not the SHA-256 of its body; run \`npm run codegen\``,
      );
    }
    bodies.set(id, body);
    documents.push({ id, ...(typeof name === 'string' ? { name } : {}), body });
  });
  return {
    get: (id) => bodies.get(id),
    size: bodies.size,
    operations: documents,
  };
}
