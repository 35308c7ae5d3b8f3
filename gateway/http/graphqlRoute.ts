import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CACHE_STATUS_HEADER,
  type HttpAnswer,
  type Lookup,
  type ResponseCache,
} from '../cache/ResponseCache.js';
import type { GatewayContext } from '../GatewayContext.js';
import { InFlight } from '../InFlight.js';
import { REQUEST_ID_HEADER } from '../../contracts/requestId.js';
import { headerOf } from '../../contracts/headers.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The whole-response cache, consulted before Apollo Server runs. Default none. */
  responseCache?: ResponseCache;
  /** Moves on with every purge applied here; identical requests are coalesced only within one. Default none. */
  purgeGeneration?: () => number;
}

/** What the HTTP handler has learned about a `/graphql` request before it is answered. */
export interface GraphQLRequest {
  url: URL;
  /** The parsed body, and its text when it was JSON. */
  body: { value: unknown; text?: string };
  /** The request context, or undefined when it could not be built (its error is `contextError`). */
  context: GatewayContext | undefined;
  contextError: unknown;
  /** The request's id, already set on the response (see `createHttpHandler`). */
  requestId: string;
}

/** An answer from Apollo Server, and whether an identical request waiting for it may have it too. */
interface Executed {
  answer: HttpAnswer;
  shareable: boolean;
}

/** Headers a GET must carry for Apollo Server's CSRF prevention to let it through (one is enough). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Answers `/graphql`: from the whole-response cache when the same request was answered before (before Apollo
 * Server parses, validates or plans anything); else by Apollo Server, once for every identical request in flight
 * (same bytes and the same request context, so never across viewers, and only when it turns out to be a query);
 * then stored for next time.
 */
export function graphqlRoute(options: GraphQLRouteOptions) {
  const { apollo, responseCache } = options;
  const inFlight = new InFlight<Executed>(
    (executed) => ({ ...executed, answer: { ...executed.answer, headers: { ...executed.answer.headers } } }),
    options.purgeGeneration,
  );

  async function execute(
    req: IncomingMessage,
    res: ServerResponse,
    request: GraphQLRequest,
    lookup?: Lookup,
  ) {
    const { url, body, context, contextError } = request;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // The id the handler assigned, which the error masking and the subgraph requests read from here.
    headers.set(REQUEST_ID_HEADER, request.requestId);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.search,
        body: body.value,
      },
      context: async () => {
        if (contextError !== undefined || !context) throw contextError;
        return context;
      },
    });
    if (response.body.kind !== 'complete') {
      // An incremental answer is streamed to this caller alone.
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
      return undefined;
    }
    const answer = {
      status: response.status ?? 200,
      headers: Object.fromEntries(response.headers),
      body: response.body.string,
    };
    const shareable = context?.cache.outcome?.operation === 'query';
    if (!responseCache) return { answer, shareable };
    if (lookup?.status !== 'MISS' || !context) {
      return { answer: withHeader(answer, CACHE_STATUS_HEADER, 'BYPASS'), shareable };
    }
    const { status, replacement } = await responseCache.finish(lookup, context, answer);
    const sent = replacement
      ? withHeader(replacement, REQUEST_ID_HEADER, answer.headers[REQUEST_ID_HEADER] ?? '')
      : answer;
    return { answer: withHeader(sent, CACHE_STATUS_HEADER, status), shareable };
  }

  return async (req: IncomingMessage, res: ServerResponse, request: GraphQLRequest): Promise<void> => {
    const { context } = request;
    const bytes = requestBytes(req, request.url, request.body.text);
    if (bytes === undefined || !context) {
      const executed = await execute(req, res, request);
      if (executed) send(res, executed.answer);
      return;
    }
    const lookup = responseCache ? await responseCache.lookup(bytes, context) : undefined;
    if (lookup?.status === 'HIT') {
      return send(res, lookup.answer, request.requestId);
    }
    const key = `${bytes}\n${JSON.stringify(context.request)}\n${context.client?.name ?? ''}`;
    const flight = await inFlight.run(
      key,
      async () => (await execute(req, res, request, lookup)) ?? NOT_SHARED,
    );
    if (flight.value === NOT_SHARED) return;
    if (!flight.shared) return send(res, flight.value.answer);
    if (flight.value.shareable) {
      return send(res, flight.value.answer, request.requestId);
    }
    // What the other request ran was no query (a mutation runs once per request): run this one on its own.
    const executed = await execute(req, res, request, lookup);
    if (executed) send(res, executed.answer);
  };
}

/** The outcome of a streamed answer, which no other request can share. */
const NOT_SHARED: Executed = { answer: { status: 0, headers: {}, body: '' }, shareable: false };

/**
 * The bytes that identify a request for the whole-response cache and for coalescing, or undefined for one that
 * Apollo Server must judge itself: a GET without a preflight header (CSRF prevention refuses it), a body that is
 * not JSON.
 */
function requestBytes(req: IncomingMessage, url: URL, jsonBody: string | undefined): string | undefined {
  const accept = headerOf(req, 'accept') ?? '';
  if (req.method === 'GET') {
    return PREFLIGHT_HEADERS.some((name) => headerOf(req, name)) ? `GET ${url.search}\n${accept}` : undefined;
  }
  return req.method === 'POST' && jsonBody !== undefined ? `POST ${jsonBody}\n${accept}` : undefined;
}

function withHeader(answer: HttpAnswer, name: string, value: string): HttpAnswer {
  return { ...answer, headers: { ...answer.headers, [name]: value } };
}

/** Sends `answer`, under this request's own id when it is one stored or shared with another request. */
function send(res: ServerResponse, answer: HttpAnswer, requestId?: string): void {
  res.statusCode = answer.status;
  const { headers } = answer;
  for (const name in headers) res.setHeader(name, headers[name]!);
  if (requestId !== undefined) res.setHeader(REQUEST_ID_HEADER, requestId);
  res.end(answer.body);
}
