import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors.js';

/** The caller sent something the subgraph cannot serve: a bad argument, cursor or filter. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    // No HTTP status here: a subgraph answers 200 with errors, or the gateway would discard the whole response.
    super(message, {
      extensions: { code: ErrorCode.BadUserInput, ...(argumentName ? { argumentName } : {}) },
    });
  }
}

/** The operation needs a signed-in customer and there is none. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in to do this.') {
    super(message, { extensions: { code: ErrorCode.Unauthenticated } });
  }
}

/** The caller is known but may not do this. The message never tells whether the target exists. */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'Not allowed.') {
    super(message, { extensions: { code: ErrorCode.Forbidden } });
  }
}
