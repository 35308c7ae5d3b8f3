import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../contracts/errors.js';
import { readRequestId, REQUEST_ID_HEADER } from '../../contracts/requestId.js';

/**
 * Codes whose messages are written for clients; any other error is masked in production. They are the
 * gateway's own codes (all of `ErrorCode` but `INTERNAL_SERVER_ERROR`), and Apollo Server's request
 * errors.
 */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/**
 * The only `extensions` keys a client sees in production. Not `serviceName`: production errors name no subgraph
 * (the logs do).
 */
const CLIENT_EXTENSION_KEYS = ['code', 'requestId', 'argumentName'];

/**
 * Codes about the document a client sent. From a subgraph (an error with a `serviceName`) they are about the
 * gateway's own fetch, a subgraph refusing a field it does not serve yet: unexpected for the client, and masked.
 */
const DOCUMENT_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BadRequest,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
]);

/** What a client reads in production for `SUBGRAPH_UNAVAILABLE`, in place of a message naming the subgraph. */
export const UNAVAILABLE_MESSAGE = 'Part of this answer is temporarily unavailable.';

/** Where unexpected errors are logged in full (`err`: the thrown error, with its stack); a pino logger fits. */
export interface ErrorLogger {
  error(details: object, message: string): void;
}

/** Options of {@link errorMaskingPlugin}. */
export interface ErrorMaskingOptions {
  /** Mask unexpected errors and strip internal extensions (`NODE_ENV=production`). */
  production: boolean;
  /** Receives each unexpected error, with its request id, in every environment. */
  logger: ErrorLogger;
}

/**
 * Gives every request an id (the client's `x-request-id` when sane) and answers it in `x-request-id`. An error
 * whose code is not in {@link PUBLIC_ERROR_CODES} is logged once, in full as thrown (before any `formatError`) with
 * its cause and the request id, in every environment. In production it reaches the client as "Internal server
 * error" with code `INTERNAL_SERVER_ERROR` and the request id; so does a subgraph's error with a code about the
 * request document (its refusal of the gateway's fetch). Nothing names a subgraph: every error loses the
 * `extensions` keys other than `code`, `requestId` and `argumentName` (`serviceName`, a subgraph's `exception`,
 * `stacktrace`, `response`), `SUBGRAPH_UNAVAILABLE` reads {@link UNAVAILABLE_MESSAGE}, and the response loses its top-level
 * `extensions` (Apollo Gateway's `valueCompletion`, which describes how nulls propagated from a subgraph's missing
 * field): the gateway defines none for clients. Outside production messages pass through; stack traces never do.
 * With {@link maskUnexpectedError} as Apollo Server's `formatError`, this is where the gateway masks errors.
 */
export function errorMaskingPlugin<TContext extends BaseContext = BaseContext>(
  options: ErrorMaskingOptions,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, response }) {
      const requestId = readRequestId(request.http?.headers.get(REQUEST_ID_HEADER));
      response.http.headers.set(REQUEST_ID_HEADER, requestId);
      return {
        // The errors as thrown, before any `formatError` rewrites them: where they are logged in full.
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = codeOf(error.extensions);
            if (isPublic(error.extensions)) continue;
            const { message, path, extensions } = error;
            const serviceName = extensions['serviceName'];
            const err = error.originalError ?? error;
            options.logger.error(
              { requestId, code, message, path, serviceName, extensions, err },
              'unexpected error',
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (options.production) delete result.extensions;
          if (!result.errors?.length) return;
          result.errors = result.errors.map((error) =>
            options.production ? forProduction(error, requestId) : withoutStacktraces(error),
          );
        },
      };
    },
  };
}

/**
 * Apollo Server's `formatError`: an `INTERNAL_SERVER_ERROR` (an error thrown without a code, anywhere Apollo Server
 * formats one, also outside the request pipeline) reaches the client as "Internal server error", in every
 * environment; {@link errorMaskingPlugin} has logged it in full.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.['code'] !== ErrorCode.InternalServerError) return formatted;
  return { message: 'Internal server error', extensions: { code: ErrorCode.InternalServerError } };
}

/** Whether an error with `extensions` is written for clients: a public code, not a subgraph's refusal of a fetch. */
function isPublic(extensions: Readonly<Record<string, unknown>> | undefined): boolean {
  const code = codeOf(extensions);
  if (!PUBLIC_ERROR_CODES.has(code)) return false;
  return extensions?.['serviceName'] === undefined || !DOCUMENT_CODES.has(code);
}

/** The code Apollo Server answers an error with: its own, else `INTERNAL_SERVER_ERROR`. */
function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.['code'];
  return typeof code === 'string' ? code : ErrorCode.InternalServerError;
}

function forProduction(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  const extensions: Record<string, unknown> = {};
  for (const key of CLIENT_EXTENSION_KEYS) {
    if (error.extensions?.[key] !== undefined) extensions[key] = error.extensions[key];
  }
  if (isPublic(error.extensions)) {
    const unavailable = extensions['code'] === ErrorCode.SubgraphUnavailable;
    return { ...error, ...(unavailable ? { message: UNAVAILABLE_MESSAGE } : {}), extensions };
  }
  return {
    message: 'Internal server error',
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...extensions, code: ErrorCode.InternalServerError, requestId },
  };
}

function withoutStacktraces(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!error.extensions) return error;
  const { stacktrace: _stacktrace, exception, ...extensions } = error.extensions;
  if (exception && typeof exception === 'object') {
    const { stacktrace: _nested, ...rest } = exception as Record<string, unknown>;
    extensions['exception'] = rest;
  } else if (exception !== undefined) {
    extensions['exception'] = exception;
  }
  return { ...error, extensions };
}
