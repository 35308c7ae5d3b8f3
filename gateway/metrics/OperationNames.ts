import { createHash } from 'node:crypto';
import type { RegisteredOperation } from '../schema/RegisteredOperations.js';

/**
 * Names the registered operation a request runs from the request alone, before (or without) Apollo Server parsing
 * it: by its `operationName`, by its exact registered text, or by that text's SHA-256 (a persisted query). A
 * response-cache hit is answered without Apollo Server, so this is how its request is named.
 */
export class OperationNames {
  /** Every registered operation's name. */
  readonly names: ReadonlySet<string>;
  private readonly byText = new Map<string, string>();
  private readonly byHash = new Map<string, string>();

  constructor(operations: readonly RegisteredOperation[]) {
    this.names = new Set(operations.flatMap(({ name }) => (name ? [name] : [])));
    for (const { name, body, sole } of operations) {
      // A document of several operations needs `operationName`, which names it already.
      if (!name || !sole) continue;
      this.byText.set(body, name);
      this.byHash.set(createHash('sha256').update(body).digest('hex'), name);
    }
  }

  /** The operation a request's parsed body (or a GET's parameters) asks for, as far as the request tells. */
  nameOf(body: unknown, search?: URLSearchParams): string | undefined {
    if (search) return search.get('operationName') ?? this.byText.get(search.get('query') ?? '');
    if (!body || typeof body !== 'object') return undefined;
    const { operationName, query, extensions } = body as Record<string, unknown>;
    if (typeof operationName === 'string') return operationName;
    if (typeof query === 'string') return this.byText.get(query);
    const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
      ?.sha256Hash;
    return typeof hash === 'string' ? this.byHash.get(hash) : undefined;
  }
}
