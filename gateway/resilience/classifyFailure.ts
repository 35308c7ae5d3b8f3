import type { SubgraphAnswerError, SubgraphFailure } from '../errors.js';

/** What the data source knows of an answer that could not be used: its status and headers, never its body. */
export interface AnswerShape {
  status?: number | undefined;
  headers: { get(name: string): string | null };
}

// Error codes of Node's sockets and undici for a connection that failed or dropped.
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * What went wrong with a subgraph fetch that threw `error`. With an `answer` in hand the body was the problem (not
 * JSON, or not an object); its cause then describes the answer's shape only, since the body and a parser's message
 * quoting it may hold customer data.
 */
export function classifyFailure(error: unknown, answer?: AnswerShape): SubgraphFailure {
  if (answer) return invalidResponse(answer, 'the body is not a JSON object');
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return { kind: 'timeout', cause: error };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return { kind: 'connection', cause: error };
  return { kind: 'unexpected', cause: error };
}

/** A 2xx answer that cannot be used as GraphQL, described by `reason`. */
export function invalidResponse(answer: AnswerShape, reason: string): SubgraphFailure {
  const contentType = answer.headers.get('content-type') ?? 'none';
  return {
    kind: 'invalid-response',
    cause: new Error(
      `Not a GraphQL response (HTTP ${answer.status ?? 'status unknown'}, content-type ${contentType}): ${reason}`,
    ),
  };
}

/**
 * Why `body` cannot answer a fetch with `variables`, or undefined when it can: a GraphQL response has `data` (an
 * object or null) or a non-empty `errors` list, and an `_entities` fetch gets one entity (or null) per
 * representation, in order.
 */
export function answerProblem(
  body: { data?: unknown; errors?: unknown },
  variables: Record<string, unknown> | undefined,
): string | undefined {
  const data = body.data;
  const hasData = data === null || (typeof data === 'object' && !Array.isArray(data));
  if (!hasData && !(Array.isArray(body.errors) && body.errors.length > 0)) {
    return 'it has neither data nor errors';
  }
  const representations = variables?.['representations'];
  const entities = hasData && data ? (data as Record<string, unknown>)['_entities'] : undefined;
  if (!Array.isArray(representations) || entities === undefined || entities === null) return undefined;
  if (Array.isArray(entities) && entities.length === representations.length) return undefined;
  const count = Array.isArray(entities) ? entities.length : 'no list of';
  return `it answers ${count} entities for ${representations.length} representations`;
}

/** 4xx statuses that say the subgraph is overloaded or slow, not that the request was wrong: failures still. */
const UNAVAILABLE_4XX: ReadonlySet<number> = new Set([408, 429]);

/**
 * The errors of a subgraph's 4xx answer whose body is a GraphQL response with errors (a validation refusal, a
 * request it does not accept): the subgraph answered, and refused this fetch. Undefined for any other answer (5xx,
 * 408, 429, a body that is not a GraphQL error list), which stays a failure.
 */
export function refusalErrors(status: number, body: string): SubgraphAnswerError[] | undefined {
  if (status < 400 || status >= 500 || UNAVAILABLE_4XX.has(status)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const refused: SubgraphAnswerError[] = [];
  for (const error of errors as unknown[]) {
    const { message, path, extensions } = (error ?? {}) as Record<string, unknown>;
    if (typeof message !== 'string') return undefined;
    refused.push({
      message,
      ...(Array.isArray(path) ? { path: path as (string | number)[] } : {}),
      ...(extensions && typeof extensions === 'object'
        ? { extensions: extensions as Record<string, unknown> }
        : {}),
    });
  }
  return refused;
}
