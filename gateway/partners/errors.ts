import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors.js';

/** A `persisted-only` client sent a GraphQL document: it may only name a registered operation by its id. */
export class PersistedQueryRequiredError extends GraphQLError {
  constructor() {
    super('This client may only run registered operations; send the operation id.', {
      extensions: { code: ErrorCode.PersistedQueryRequired, http: { status: 400 } },
    });
  }
}

/**
 * A `persisted-only` client sent an id that is not a registered operation. Unlike Apollo's APQ miss (status 200,
 * inviting the client to register the query), this is final: 400.
 */
export class PersistedQueryNotFoundError extends GraphQLError {
  constructor() {
    super('No registered operation has this id; use an id from the persisted-query manifest.', {
      extensions: { code: ErrorCode.PersistedQueryNotFound, http: { status: 400 } },
    });
  }
}

/** An API key was sent and it is not registered: never treated as anonymous. */
export class UnknownApiKeyError extends GraphQLError {
  constructor() {
    super('The API key is not recognised.', {
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
    });
  }
}
