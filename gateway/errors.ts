import { GraphQLError } from 'graphql';
import { ErrorCode } from '../contracts/errors.js';

/** The request's context headers (market, locale) are not ones the gateway serves. */
export class BadRequestContextError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } } });
  }
}

/** A bearer token was sent and it is not valid: never treated as anonymous. */
export class InvalidTokenError extends GraphQLError {
  constructor(message = 'The access token is invalid or expired.') {
    super(message, {
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401, headers: unauthenticatedHeaders } },
    });
  }
}

const unauthenticatedHeaders = new Map([['www-authenticate', 'Bearer error="invalid_token"']]);

/** Why a subgraph fetch failed: logged and counted, never sent to clients. */
export type SubgraphFailureKind =
  /** No connection, or it dropped before the answer was read. */
  | 'connection'
  /** No answer, or a stalled one, within the subgraph's timeout. */
  | 'timeout'
  /** An HTTP status other than 2xx. */
  | 'status'
  /** A 2xx answer that is not a GraphQL response (HTML, truncated JSON, neither `data` nor `errors`). */
  | 'invalid-response'
  /** Not sent: the subgraph's circuit breaker is open. */
  | 'circuit-open'
  /** Anything else that went wrong sending the fetch. */
  | 'unexpected';

/** What is known about a failed subgraph fetch. */
export interface SubgraphFailure {
  kind: SubgraphFailureKind;
  /** The HTTP status, for kind `status`. */
  status?: number;
  /** The underlying error, kept for logs. */
  cause?: unknown;
}

/**
 * A subgraph could not be reached or did not answer with GraphQL. The message names the subgraph, never its
 * address; `kind`, `status` and `cause` say what happened, for logs only.
 */
export class SubgraphUnavailableError extends GraphQLError {
  readonly kind: SubgraphFailureKind;
  readonly status: number | undefined;

  constructor(subgraph: string, failure: SubgraphFailure = { kind: 'unexpected' }) {
    super(`The ${subgraph} service is unavailable.`, {
      extensions: { code: ErrorCode.SubgraphUnavailable, serviceName: subgraph },
    });
    this.kind = failure.kind;
    this.status = failure.status;
    if (failure.cause !== undefined) this.cause = failure.cause;
  }
}

/** One error of a subgraph's answer, as the subgraph wrote it (its `locations` dropped: they point into the fetch). */
export interface SubgraphAnswerError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * A subgraph refused a fetch with a 4xx GraphQL answer: a field it does not serve yet (a supergraph published before
 * the subgraph that serves it), a request it does not accept. The subgraph is up and said why, so this is that
 * request's error, never a failure: the breaker does not count it and the retry policy does not send it again. The
 * data source answers the fetch with `errors`; the fields the fetch asked for are null.
 */
export class SubgraphRefusal extends GraphQLError {
  constructor(
    readonly subgraph: string,
    readonly status: number,
    readonly errors: SubgraphAnswerError[],
  ) {
    super(`The ${subgraph} service refused the request (HTTP ${status}).`, {
      extensions: { code: ErrorCode.InternalServerError, serviceName: subgraph },
    });
  }
}
