import {
  INVALIDATES_EXTENSION,
  TAGS_EXTENSION,
  VARY_HEADER,
  parseVary,
  type VaryDimension,
} from '../../contracts/caching.js';

/** What the gateway needs to know about one subgraph answer to cache it and to purge what it made stale. */
export interface SubgraphAnswer {
  /** Seconds it may be cached; 0 when it may not. From the `Cache-Control` header. */
  maxAge: number;
  /** `Cache-Control: private`: it belongs to one person. */
  private: boolean;
  /** The request context it depended on. */
  vary: VaryDimension[];
  /** The entities it holds. */
  tags: string[];
  /** The entities a mutation changed. */
  invalidates: string[];
}

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * Reads an answer's caching facts and removes the subgraph-to-gateway extensions from it, so they never reach a
 * client.
 */
export function takeSubgraphAnswer(
  headers: HeaderSource | undefined,
  response: { extensions?: Record<string, unknown> },
): SubgraphAnswer {
  const cacheControl = headers?.get('cache-control') ?? '';
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl)?.[1];
  const answer: SubgraphAnswer = {
    maxAge: maxAge && !/no-store|no-cache/.test(cacheControl) ? Number(maxAge) : 0,
    private: /(?:^|,)\s*private\b/.test(cacheControl),
    vary: parseVary(headers?.get(VARY_HEADER)),
    tags: stringList(response.extensions?.[TAGS_EXTENSION]),
    invalidates: stringList(response.extensions?.[INVALIDATES_EXTENSION]),
  };
  if (response.extensions) {
    const { [TAGS_EXTENSION]: _tags, [INVALIDATES_EXTENSION]: _invalidates, ...rest } = response.extensions;
    response.extensions = Object.keys(rest).length > 0 ? rest : undefined;
  }
  return answer;
}

/**
 * Whether an answer may be shared between callers: it is cacheable, and either it is public and not about who is
 * asking, or nobody is asking (an anonymous caller's answer, shared among anonymous callers only).
 */
export function isShareable(answer: SubgraphAnswer, signedIn: boolean): boolean {
  return answer.maxAge > 0 && (!signedIn || (!answer.private && !answer.vary.includes('viewer')));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
