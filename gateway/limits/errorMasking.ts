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

/** The only `extensions` keys a client sees in production. */
const CLIENT_EXTENSION_KEYS = ['code', 'requestId', 'serviceName', 'argumentName'];

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
 * error" with code `INTERNAL_SERVER_ERROR` and the request id; every error loses the `extensions` keys other than `code`, `requestId`, `serviceName` and
 * `argumentName` (a subgraph's `exception`, `stacktrace`, `response`), and the response loses its top-level
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
            if (PUBLIC_ERROR_CODES.has(code)) continue;
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
  if (PUBLIC_ERROR_CODES.has(codeOf(error.extensions))) return { ...error, extensions };
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
