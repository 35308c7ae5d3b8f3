import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// Not re-exported by the package root, though `process` receives it.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import { ErrorCode } from '../contracts/errors.js';
import { IDENTITY_HEADER } from '../contracts/internalIdentity.js';
import { toContextHeaders } from '../contracts/requestContext.js';
import { REQUEST_ID_HEADER } from '../contracts/requestId.js';
import type { Exchange, IncomingOptions, SubgraphResponse } from './cache/entityFetch.js';
import type { SubgraphFetchCache } from './cache/SubgraphFetchCache.js';
import { takeSubgraphAnswer } from './cache/subgraphAnswer.js';
import { SubgraphRefusal, SubgraphUnavailableError } from './errors.js';
import type { GatewayContext } from './GatewayContext.js';
import type { IdentitySigner } from './IdentitySigner.js';
import { InFlight } from './InFlight.js';
import {
  answerProblem,
  classifyFailure,
  invalidResponse,
  refusalErrors,
} from './resilience/classifyFailure.js';
import type { FetchDescription, SubgraphResilience } from './resilience/SubgraphResilience.js';
import { subgraphFetcher } from './subgraphFetcher.js';
import { tracedFetcher } from './tracing/tracedFetcher.js';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** Connection pool shared by all subgraph requests (keep-alive, timeouts): see `subgraphAgent`. */
  agent: Agent;
  /** This subgraph's own timeout in ms, replacing the agent's. Default: the agent's. */
  timeoutMs?: number;
  /** Signs the caller's identity for the subgraph. */
  identity: IdentitySigner;
  /** The entity cache. Default none: every fetch goes to the subgraph. */
  fetchCache?: SubgraphFetchCache;
  /** Purges what a mutation changed; awaited before the client gets the mutation's answer. Default none. */
  invalidate?: (tags: string[]) => Promise<void>;
  /**
   * Circuit breaker, retries of queries, and the log of failed fetches. Default none: one attempt, always sent,
   * failures only thrown.
   */
  resilience?: SubgraphResilience;
  /** Moves on with every purge applied here; identical fetches are coalesced only within one. Default none. */
  purgeGeneration?: () => number;
}

/**
 * Every request the gateway sends a subgraph goes through here: it carries the request context (locale, market,
 * viewer) as trusted headers, reuses keep-alive connections, gives up after a timeout, serves what it can from the
 * entity cache, purges what mutations changed, and turns transport failures and answers that are not GraphQL into a
 * `SUBGRAPH_UNAVAILABLE` error that names the subgraph but not its address. A 4xx answer with GraphQL errors is the
 * subgraph refusing that one fetch: its errors answer the fetch, as a 200 answer's would. Sending goes through
 * `resilience` (breaker, retries, failure log); when it fails, the entity cache answers with stale entries where it
 * has them.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly fetchCache: SubgraphFetchCache | undefined;
  private readonly invalidate: ((tags: string[]) => Promise<void>) | undefined;
  /** Identical query fetches in flight; each waiting request gets its own copy of the response. */
  private readonly inFlight: InFlight<Exchange>;
  private readonly identity: IdentitySigner;
  private readonly resilience: SubgraphResilience | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    super({
      url: options.url,
      fetcher: tracedFetcher(options.name, subgraphFetcher(options.agent, options.timeoutMs)),
    });
    this.name = options.name;
    this.identity = options.identity;
    this.fetchCache = options.fetchCache;
    this.invalidate = options.invalidate;
    this.resilience = options.resilience;
    this.inFlight = new InFlight<Exchange>(
      ({ response: { http, ...body }, answer }) => ({
        response: { ...structuredClone(body), ...(http ? { http } : {}) },
        answer,
      }),
      options.purgeGeneration,
    );
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    // Schema loads and health checks have no client request behind them.
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return super.process(options);
    if (options.incomingRequestContext.operation?.operation !== 'query') return this.write(options);
    const send = (fetchOptions: IncomingOptions) => this.coalesced(fetchOptions);
    if (!this.fetchCache) return (await send(options)).response;
    return this.fetchCache.fetch(this.name, options, send);
  }

  /** A fetch of a mutation goes to the subgraph; what it changed is purged before the client hears of it. */
  private async write(options: IncomingOptions): Promise<SubgraphResponse> {
    const { response, answer } = await this.exchange(options);
    if (answer.invalidates.length > 0 && this.invalidate) await this.invalidate(answer.invalidates);
    return response;
  }

  /**
   * Sends a query fetch, or waits for an identical one already in flight: same query, variables and request
   * context (locale, market, segment and viewer), so never across viewers. A shared answer is noted on this
   * request as if it had been received for it.
   */
  private async coalesced(options: IncomingOptions): Promise<Exchange> {
    const { query, variables } = options.request;
    const key = `${query ?? ''}\n${JSON.stringify(variables ?? {})}\n${JSON.stringify(options.context.request)}`;
    const { value, shared } = await this.inFlight.run(key, () => this.exchange(options));
    if (shared) options.context.cache.note(value.answer);
    return value;
  }

  /**
   * Sends one fetch; its answer is noted on the request, and comes back with what it said about caching. A refusal
   * answers with the subgraph's errors and no data.
   */
  private async exchange(options: IncomingOptions): Promise<Exchange> {
    const send = () => this.send(options);
    let response: SubgraphResponse;
    try {
      response = await (this.resilience?.run(this.describe(options), send) ?? send());
    } catch (error) {
      if (!(error instanceof SubgraphRefusal)) throw error;
      response = { errors: error.errors };
    }
    const answer = takeSubgraphAnswer(response.http?.headers, response);
    options.context.cache.note(answer);
    return { response, answer };
  }

  /** One attempt at a fetch; an answer that parsed as JSON but cannot answer the fetch is a failure. */
  private async send(options: IncomingOptions): Promise<SubgraphResponse> {
    const response = await super.process(options);
    const problem = answerProblem(response, options.request.variables);
    if (!problem || !response.http) return response;
    throw new SubgraphUnavailableError(this.name, invalidResponse(response.http, problem));
  }

  /** What the failure log and the retry policy need to know of a fetch: queries may be sent again. */
  private describe(options: IncomingOptions): FetchDescription {
    const retry = options.incomingRequestContext.operation?.operation === 'query';
    return { subgraph: this.name, retry, requestId: requestIdOf(options) };
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    // Schema loading and health checks have no client request behind them.
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    if (!('request' in context) || !context.request) return;
    for (const [name, value] of Object.entries(toContextHeaders(context.request))) headers.set(name, value);
    // Ties the subgraph's log lines to the client request's. Never part of a cache or coalescing key: a fetch
    // coalesced with another's, or answered from the entity cache, shows under the id of the request that sent it.
    const requestId = requestIdOf(options);
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    const viewer = context.request.viewer;
    if (viewer) headers.set(IDENTITY_HEADER, await this.identity.tokenFor(viewer));
  }

  /** `response` is set when an answer came and its body was the problem (not JSON, or not an object). */
  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): void {
    if (error instanceof SubgraphRefusal) throw error;
    if (error instanceof GraphQLError && error.extensions['code'] !== ErrorCode.InternalServerError)
      throw error;
    throw new SubgraphUnavailableError(this.name, classifyFailure(error, response));
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // The default puts the subgraph's URL and body into the client's error; keep both inside.
    const body = await response.text().catch(() => '');
    const status = response.status;
    const refused = refusalErrors(status, body);
    if (refused) return new SubgraphRefusal(this.name, status, refused);
    return new SubgraphUnavailableError(this.name, {
      kind: 'status',
      status,
      cause: new Error(`HTTP ${status}`),
    });
  }
}

/** The client request's id, as the gateway answers it (`errorMaskingPlugin` sets it as the request starts). */
function requestIdOf(options: IncomingOptions): string | undefined {
  return options.incomingRequestContext.response?.http?.headers.get(REQUEST_ID_HEADER) ?? undefined;
}
