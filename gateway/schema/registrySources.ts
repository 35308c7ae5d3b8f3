import { conditionalRead, SourceAnswerError } from './conditionalRead.js';
import type { OperationsSource } from './OperationsSource.js';
import { registeredOperations, type RegisteredDocument } from './RegisteredOperations.js';
import type { SupergraphSource } from './SupergraphSource.js';
import { urlSupergraphSource } from './urlSupergraphSource.js';

/** The schema registry's answer before its first publish, to both reads. */
export const NOTHING_PUBLISHED = 'NOTHING_PUBLISHED';

export interface RegistrySourcesOptions {
  /** The gateway's read token, sent as a bearer token; never logged. Default none. */
  token?: string;
  /** Longest wait for one fetch, in ms. Default 10,000. */
  timeoutMs?: number;
}

/**
 * The supergraph and the registered operations from the schema registry at `baseUrl`: `GET supergraph.graphql`
 * and `GET operations` (`{ operations: [{ client, source, name, body, variables? }] }`), each with `If-None-Match`,
 * so that an unchanged one costs a 304. Before the first publish the registry answers 404 `NOTHING_PUBLISHED`:
 * an error that says to publish first.
 */
export function registrySources(
  baseUrl: string,
  options: RegistrySourcesOptions = {},
): { supergraph: SupergraphSource; operations: OperationsSource } {
  // A base without its trailing slash would lose its last path segment to the resolution.
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const supergraph = urlSupergraphSource(new URL('supergraph.graphql', base).toString(), options);
  const operations = conditionalRead(new URL('operations', base).toString(), options);
  return {
    supergraph: { ...supergraph, read: () => supergraph.read().catch(publishFirst(supergraph.description)) },
    operations: {
      description: operations.description,
      async read() {
        const body = await operations.read().catch(publishFirst(operations.description));
        return body === undefined
          ? undefined
          : registeredOperations(documentsOf(operations.description, body));
      },
    },
  };
}

/** Rethrows a read's error; the registry's `NOTHING_PUBLISHED` with what to do about it. */
function publishFirst(description: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof SourceAnswerError && error.code === NOTHING_PUBLISHED) {
      throw new SourceAnswerError(
        error.status,
        error.code,
        `${description}: the schema registry has nothing published yet (HTTP ${error.status} ` +
          `${NOTHING_PUBLISHED}); publish the graph first: npm run schema -- publish --all`,
      );
    }
    throw error;
  };
}

/** The registry's `{ operations }`, checked entry by entry; throws naming the first entry that is not one. */
function documentsOf(description: string, body: string): RegisteredDocument[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${description}: not JSON`);
  }
  const list = (parsed as { operations?: unknown } | null)?.operations;
  if (!Array.isArray(list)) throw new Error(`${description}: no "operations" array`);
  return list.map((entry: unknown, index) => {
    const { client, source, name, body: text, variables } = (entry ?? {}) as Record<string, unknown>;
    const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
    if (
      typeof client !== 'string' ||
      typeof source !== 'string' ||
      typeof text !== 'string' ||
      !(name === undefined || name === null || typeof name === 'string') ||
      !(variables === undefined || isObject(variables))
    ) {
      throw new Error(
        `${description}: operations[${index}] needs a string client, source and body, ` +
          'a string name if any and an object of variables if any',
      );
    }
    return {
      client,
      source,
      body: text,
      ...(typeof name === 'string' ? { name } : {}),
      ...(variables ? { variables: variables as Record<string, unknown> } : {}),
    };
  });
}
