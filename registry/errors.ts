/**
 * The closed set of codes the registry answers errors with, in `{ error: { code, message } }`. Clients (the CLI,
 * gateways, CI) branch on the code; the message is for people.
 */
export enum RegistryErrorCode {
  /** The body is not JSON, a field is missing or has a bad value, or a path parameter is malformed. (400) */
  BadRequest = 'BAD_REQUEST',
  /** No bearer token, or one the registry does not know. (401) */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The token is valid but does not allow this: another subgraph's, or a read token writing. (403) */
  Forbidden = 'FORBIDDEN',
  /** No such route. (404) */
  NotFound = 'NOT_FOUND',
  /** The route exists, not with this method; `Allow` lists those it has. (405) */
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  /** The body is larger than `REGISTRY_MAX_BODY_BYTES`. (413) */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** A body that is not `application/json`. (415) */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** Nothing has been published yet, so there is no supergraph. (404) */
  NothingPublished = 'NOTHING_PUBLISHED',
  /** No version with that number. (404) */
  VersionNotFound = 'VERSION_NOT_FOUND',
  /** No client with that name. (404) */
  ClientNotFound = 'CLIENT_NOT_FOUND',
  /** A client with that name exists already. (409) */
  ClientExists = 'CLIENT_EXISTS',
  /** The check failed and no approval was given; the report says why. (409) */
  CheckFailed = 'CHECK_FAILED',
  /** The proposed subgraphs do not compose; cannot be approved. (422) */
  CompositionFailed = 'COMPOSITION_FAILED',
  /** A subgraph's running server does not serve the schema being published yet. (422) */
  SubgraphNotDeployed = 'SUBGRAPH_NOT_DEPLOYED',
  /** A subgraph's running server did not answer `_service { sdl }`. (502) */
  SubgraphUnreachable = 'SUBGRAPH_UNREACHABLE',
  /** Anything unexpected; logged in full, never detailed in the answer. (500) */
  InternalError = 'INTERNAL_ERROR',
}

const STATUS: Record<RegistryErrorCode, number> = {
  [RegistryErrorCode.BadRequest]: 400,
  [RegistryErrorCode.Unauthenticated]: 401,
  [RegistryErrorCode.Forbidden]: 403,
  [RegistryErrorCode.NotFound]: 404,
  [RegistryErrorCode.MethodNotAllowed]: 405,
  [RegistryErrorCode.PayloadTooLarge]: 413,
  [RegistryErrorCode.UnsupportedMediaType]: 415,
  [RegistryErrorCode.NothingPublished]: 404,
  [RegistryErrorCode.VersionNotFound]: 404,
  [RegistryErrorCode.ClientNotFound]: 404,
  [RegistryErrorCode.ClientExists]: 409,
  [RegistryErrorCode.CheckFailed]: 409,
  [RegistryErrorCode.CompositionFailed]: 422,
  [RegistryErrorCode.SubgraphNotDeployed]: 422,
  [RegistryErrorCode.SubgraphUnreachable]: 502,
  [RegistryErrorCode.InternalError]: 500,
};

/**
 * An error the registry answers as it is: its code, its HTTP status and its message, plus `details` (such as the
 * check report, or the coordinates a subgraph lacks) merged into the `error` object.
 */
export class RegistryError extends Error {
  readonly status: number;

  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'RegistryError';
    this.status = STATUS[code];
  }

  /** The answer's body: `{ error: { code, message, ...details } }`. */
  toJSON(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
