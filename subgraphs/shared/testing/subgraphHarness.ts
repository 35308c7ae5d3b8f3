import {
  DEVELOPMENT_INTERNAL_SECRET,
  IDENTITY_HEADER,
  signInternalIdentity,
} from '../../../contracts/internalIdentity.js';
import { pino } from 'pino';
import { INVALIDATES_EXTENSION, TAGS_EXTENSION } from '../../../contracts/caching.js';
import type { RequestContext } from '../../../contracts/requestContext.js';
import {
  toContextHeaders,
  DEFAULT_LOCALE,
  DEFAULT_MARKET,
  currencyOf,
} from '../../../contracts/requestContext.js';
import type { Database } from '../database/Database.js';
import { prepareData } from '../prepareData.js';
import type { SeedPlan } from '../seedPlan.js';
import { startSubgraph, type StatementReport } from '../startSubgraph.js';
import type { Subgraph } from '../Subgraph.js';

/** A small plan for tests: enough products for two 24-product pages in every department. */
export const TEST_SEED_PLAN: SeedPlan = { products: 480, customers: 40 };

export interface GraphQLResponse<D = Record<string, unknown>> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** The `extensions.code` of each error of `response`, in order; none when it has no errors. */
export function errorCodes(response: Pick<GraphQLResponse, 'errors'>): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.['code']);
}

/** A whole HTTP answer, for tests of what a subgraph says besides the body (headers, status). */
export interface RawResponse<D = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<D>;
}

export interface TestSubgraph {
  url: string;
  /** Statement reports of every request so far, newest last. */
  reports: StatementReport[];
  /**
   * Posts one operation as the gateway would, with the context headers of `context`; answers the body as a client
   * would see it, without the cache extensions the gateway removes (`requestRaw` keeps them).
   */
  request<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    context?: Partial<RequestContext>,
  ): Promise<GraphQLResponse<D>>;
  /** Like `request`, answering the status and headers along with the body. */
  requestRaw<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    context?: Partial<RequestContext>,
  ): Promise<RawResponse<D>>;
  stop(): Promise<void>;
}

/** Migrates and seeds `subgraph` on `db`, then serves it on a free port for a test. */
export async function startTestSubgraph(
  subgraph: Subgraph,
  db: Database,
  plan: SeedPlan = TEST_SEED_PLAN,
): Promise<TestSubgraph> {
  await prepareData(db, subgraph, plan);
  const reports: StatementReport[] = [];
  const running = await startSubgraph(subgraph, {
    db,
    logger: pino({ level: 'silent' }),
    identitySecret: DEVELOPMENT_INTERNAL_SECRET,
    onStatements: (report) => reports.push(report),
  });
  async function requestRaw<D>(
    query: string,
    variables?: Record<string, unknown>,
    context: Partial<RequestContext> = {},
  ): Promise<RawResponse<D>> {
    const market = context.market ?? DEFAULT_MARKET;
    const viewer = context.viewer ?? null;
    const headers = toContextHeaders({
      locale: context.locale ?? DEFAULT_LOCALE,
      market,
      currency: currencyOf(market),
      viewer,
      segment: viewer?.segment ?? null,
    });
    if (viewer) headers[IDENTITY_HEADER] = await signInternalIdentity(viewer, DEVELOPMENT_INTERNAL_SECRET);
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<D>;
    return { status: response.status, headers: response.headers, body };
  }
  return {
    url: running.url,
    reports,
    async request(query, variables, context) {
      return withoutCacheExtensions(
        (await requestRaw(query, variables, context)).body,
      ) as GraphQLResponse<never>;
    },
    requestRaw,
    stop: running.stop,
  };
}

function withoutCacheExtensions<D>(body: GraphQLResponse<D>): GraphQLResponse<D> {
  if (!body.extensions) return body;
  const { [TAGS_EXTENSION]: _tags, [INVALIDATES_EXTENSION]: _invalidates, ...extensions } = body.extensions;
  const { extensions: _all, ...rest } = body;
  return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest;
}
