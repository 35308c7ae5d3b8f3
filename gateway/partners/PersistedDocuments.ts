import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The registered operations, by id (the SHA-256 of the body, hex). */
export interface PersistedDocuments {
  /** The operation's document, or undefined when no registered operation has this id. */
  get(id: string): string | undefined;
  /** How many operations are registered. */
  readonly size: number;
}

/**
 * Reads the persisted-query manifest at `path` (Apollo's `apollo-persisted-query-manifest`, version 1, as written
 * by `npm run manifest`). Refuses a manifest in another format or version, and any operation whose id is not the
 * SHA-256 of its body, naming the operation: a wrong id would let a client run something other than what it named.
 */
export async function loadPersistedDocuments(path: string): Promise<PersistedDocuments> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not readable as JSON (${(error as Error).message}); run \`npm run manifest\``);
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
  operations.forEach((value: unknown, index) => {
    const { id, name, body } = (value ?? {}) as Record<string, unknown>;
    const label = typeof name === 'string' ? `operation "${name}"` : `operations[${index}]`;
    if (typeof id !== 'string' || typeof body !== 'string') {
      throw new Error(`${path}: ${label} needs a string "id" and "body"`);
    }
    if (createHash('sha256').update(body).digest('hex') !== id) {
      throw new Error(
        `${path}: ${label} has an id that is not the SHA-256 of its body; run \`npm run manifest\``,
      );
    }
    bodies.set(id, body);
  });
  return {
    get: (id) => bodies.get(id),
    size: bodies.size,
  };
}
