import { pino } from 'pino';
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
}

export interface TestSubgraph {
  url: string;
  /** Statement reports of every request so far, newest last. */
  reports: StatementReport[];
  /** Posts one operation as the gateway would, with the context headers of `context`. */
  request<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    context?: Partial<RequestContext>,
  ): Promise<GraphQLResponse<D>>;
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
    onStatements: (report) => reports.push(report),
  });
  return {
    url: running.url,
    reports,
    async request(query, variables, context = {}) {
      const market = context.market ?? DEFAULT_MARKET;
      const headers = toContextHeaders({
        locale: context.locale ?? DEFAULT_LOCALE,
        market,
        currency: currencyOf(market),
        viewer: context.viewer ?? null,
      });
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    stop: running.stop,
  };
}
