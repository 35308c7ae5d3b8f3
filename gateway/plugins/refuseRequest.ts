import type { BaseContext, GraphQLRequest, GraphQLRequestListener } from '@apollo/server';
import type { GraphQLError } from 'graphql';

// What a refused request is replaced with: trivially valid, so nothing the client sent is parsed or validated.
const REFUSED_OPERATION = 'RequestRefused';
const REFUSED_SOURCE = `query ${REFUSED_OPERATION} { __typename }`;

/**
 * Refuses `request` from a plugin's `requestDidStart` with `refusal`, keeping the refusal's HTTP status; returns
 * the listener for `requestDidStart` to hand back. Apollo Server 5 answers anything thrown in `requestDidStart`
 * with a masked 500; `didResolveOperation` is the hook whose thrown `GraphQLError` keeps its status. So the
 * request's source is swapped for a stand-in (no persisted-query id, no variables: nothing the client sent is
 * looked up, parsed, validated or stored), and the refusal is thrown once that stand-in is resolved.
 */
export function refuseRequest<TContext extends BaseContext>(
  request: GraphQLRequest,
  refusal: GraphQLError,
): GraphQLRequestListener<TContext> {
  const { persistedQuery: _, ...extensions } = request.extensions ?? {};
  request.query = REFUSED_SOURCE;
  request.operationName = REFUSED_OPERATION;
  request.variables = undefined;
  request.extensions = extensions;
  return {
    async didResolveOperation() {
      throw refusal;
    },
  };
}
