import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import type { Database } from './Database.js';

const tracer = trace.getTracer('commerce-subgraph');

/**
 * Wraps a database so that every statement run through it gets a client span under `parent` (the request's
 * server span), named after its operation (`SELECT`) and carrying its text. The text is the parameterised
 * statement (`$1`, `$2`, …): parameter values, which may be customer data, are never recorded. When `parent`
 * records nothing (no provider registered, or the trace not sampled) `db` comes back as it is, so untraced
 * requests pay nothing per statement.
 */
export function traceStatements(db: Database, parent: Span): Database {
  if (!parent.isRecording()) return db;
  const parentContext = trace.setSpan(ROOT_CONTEXT, parent);
  const traced = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const operation = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(
      operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
          [ATTR_DB_OPERATION_NAME]: operation,
          [ATTR_DB_QUERY_TEXT]: sql,
        },
      },
      parentContext,
    );
    try {
      return await run();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  };
  return {
    query(sql, params) {
      return traced(sql, () => db.query(sql, params));
    },
    exec(sql) {
      return traced(sql, () => db.exec(sql));
    },
    transaction(work) {
      return db.transaction((tx) => work(traceStatements(tx, parent)));
    },
    close: () => db.close(),
  };
}
