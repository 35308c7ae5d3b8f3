import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { fetch, type Agent } from 'undici';
import { ErrorCode } from '../contracts/errors.js';
import { CONTEXT_HEADERS, toContextHeaders, type RequestContext } from '../contracts/requestContext.js';
import { SubgraphUnavailableError } from './errors.js';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** What the gateway keeps per client request; the data source reads it to build subgraph requests. */
export interface GatewayContext {
  request: RequestContext;
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** Connection pool shared by all subgraph requests (keep-alive). */
  agent: Agent;
  /** Longest wait for one subgraph request, in ms. */
  timeoutMs: number;
}

/**
 * Every request the gateway sends a subgraph goes through here: it carries the request context (locale, market,
 * viewer) as trusted headers, reuses keep-alive connections, gives up after a timeout, and turns transport failures
 * into a `SUBGRAPH_UNAVAILABLE` error that names the subgraph but not its address.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;

  constructor({ name, url, agent, timeoutMs }: SubgraphDataSourceOptions) {
    super({ url, fetcher: keepAliveFetcher(agent, timeoutMs) });
    this.name = name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    for (const name of Object.values(CONTEXT_HEADERS)) headers.delete(name);
    // Schema loading and health checks have no client request behind them.
    if (!('request' in context) || !context.request) return;
    for (const [name, value] of Object.entries(toContextHeaders(context.request))) headers.set(name, value);
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError && error.extensions['code'] !== ErrorCode.InternalServerError)
      throw error;
    throw new SubgraphUnavailableError(this.name);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    // The default puts the subgraph's URL and body into the client's error; keep both inside.
    await response.text().catch(() => undefined);
    return new SubgraphUnavailableError(this.name);
  }
}

function keepAliveFetcher(agent: Agent, timeoutMs: number): Fetcher {
  return (async (url, init) =>
    fetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) })) as Fetcher;
}
