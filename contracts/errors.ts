/** The closed set of error codes clients may see in `errors[].extensions.code`. */
export enum ErrorCode {
  /** The HTTP request is malformed: not JSON, too large, wrong method or content type. */
  BadRequest = 'BAD_REQUEST',
  /** An argument, variable, cursor, filter or context header has a value the service does not accept. */
  BadUserInput = 'BAD_USER_INPUT',
  /** A token was sent and is invalid, or the operation needs a signed-in caller. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The caller may not do this. */
  Forbidden = 'FORBIDDEN',
  /** A subgraph did not answer; the fields it owns are null. */
  SubgraphUnavailable = 'SUBGRAPH_UNAVAILABLE',
  /** A client limited to registered operations sent a document instead of an operation id. */
  PersistedQueryRequired = 'PERSISTED_QUERY_REQUIRED',
  /** An operation id that is not registered (or, for automatic persisted queries, not yet). */
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /** The operation is over a depth, alias, token, directive or cost limit; it was not run. */
  OperationTooComplex = 'OPERATION_TOO_COMPLEX',
  /** The client sent more requests than its class allows; retry after the `Retry-After` seconds. */
  RateLimited = 'RATE_LIMITED',
  /** Anything unexpected; details are logged, never sent. */
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}
