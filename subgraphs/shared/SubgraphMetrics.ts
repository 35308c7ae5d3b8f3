import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '../../contracts/errors.js';
import type { Database } from './database/Database.js';

/** The label shared by operation names past the first {@link MAX_OPERATION_LABELS}, and by unknown error codes. */
export const OTHER_LABEL = 'other';
/** Distinct operation names that get a label of their own; the gateway's query plans name a bounded few. */
export const MAX_OPERATION_LABELS = 200;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));
const STATEMENT_KINDS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH']);

/**
 * A subgraph's Prometheus series, in a registry of its own labelled with the subgraph's name: requests and their
 * latency by operation, errors by code, SQL statements and their latency by kind, and Node's default process
 * metrics (event-loop lag among them). Every label comes from a bounded set.
 */
export class SubgraphMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation'>;
  private readonly requestDuration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly statementDuration: Histogram<'kind'>;
  private readonly statementErrors: Counter<'kind'>;
  private readonly operationLabels = new Set<string>();

  constructor(subgraph: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ subgraph });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'subgraph_requests_total',
      help: 'GraphQL requests answered, by operation name.',
      labelNames: ['operation'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'subgraph_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by operation name.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'subgraph_errors_total',
      help: 'GraphQL errors answered, by code.',
      labelNames: ['code'],
      registers,
    });
    this.statementDuration = new Histogram({
      name: 'subgraph_sql_duration_seconds',
      help: 'Time of one SQL statement, by kind (SELECT, INSERT, UPDATE, DELETE, WITH, other); its count is the statements run.',
      labelNames: ['kind'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.statementErrors = new Counter({
      name: 'subgraph_sql_errors_total',
      help: 'SQL statements that failed, by kind.',
      labelNames: ['kind'],
      registers,
    });
  }

  /** An Apollo Server plugin that counts each request, its latency and its errors. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => {
        const startedAt = performance.now();
        return {
          didEncounterErrors: async ({ errors }) => {
            for (const error of errors) {
              const code = error.extensions['code'];
              this.errors.inc({
                code: typeof code === 'string' && ERROR_CODES.has(code) ? code : OTHER_LABEL,
              });
            }
          },
          willSendResponse: async ({ operationName }) => {
            const operation = this.operationLabel(operationName);
            this.requests.inc({ operation });
            this.requestDuration.observe({ operation }, (performance.now() - startedAt) / 1000);
          },
        };
      },
    };
  }

  /** Wraps `db` so that every statement run through it is timed and counted; transactions included. */
  measure(db: Database): Database {
    const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      const kind = kindOf(sql);
      const startedAt = performance.now();
      try {
        return await run();
      } catch (error) {
        this.statementErrors.inc({ kind });
        throw error;
      } finally {
        this.statementDuration.observe({ kind }, (performance.now() - startedAt) / 1000);
      }
    };
    return {
      query: (sql, params) => timed(sql, () => db.query(sql, params)),
      exec: (sql) => timed(sql, () => db.exec(sql)),
      transaction: (work) => db.transaction((tx) => work(this.measure(tx))),
      close: () => db.close(),
    };
  }

  /** The metrics in Prometheus text format, and the content type to answer them with. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return OTHER_LABEL;
    if (this.operationLabels.has(name)) return name;
    if (this.operationLabels.size >= MAX_OPERATION_LABELS) return OTHER_LABEL;
    this.operationLabels.add(name);
    return name;
  }
}

/** The statement's first keyword when it is one of a closed set, else `other`. */
function kindOf(sql: string): string {
  const keyword = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return STATEMENT_KINDS.has(keyword) ? keyword : OTHER_LABEL;
}
