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

/** A subgraph could not be reached or did not answer with GraphQL. Names the subgraph, never its address. */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(subgraph: string) {
    super(`The ${subgraph} service is unavailable.`, {
      extensions: { code: ErrorCode.SubgraphUnavailable, serviceName: subgraph },
    });
  }
}
