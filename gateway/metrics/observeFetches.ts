import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { performance } from 'node:perf_hooks';
import type { GatewayContext } from '../GatewayContext.js';
import type { GatewayMetrics } from './GatewayMetrics.js';

/**
 * Wraps a subgraph's data source so that each fetch is timed and counted by subgraph, and noted on the request's
 * observation for its log line. A fetch fails when the data source throws (unreachable, timed out, circuit open,
 * not GraphQL); errors a subgraph answered with are its own, counted by code, and noted on the fetch as `errors`.
 * The log line's `failed` is true in either case: the fetch did not give its fields whole.
 */
export function observeFetches(
  subgraph: string,
  dataSource: GraphQLDataSource<GatewayContext>,
  metrics: GatewayMetrics,
): GraphQLDataSource<GatewayContext> {
  return {
    async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
      const startedAt = performance.now();
      let failed = true;
      let errors = 0;
      try {
        const response = await dataSource.process(options);
        failed = false;
        errors = response.errors?.length ?? 0;
        return response;
      } finally {
        const ms = performance.now() - startedAt;
        metrics.observeFetch(subgraph, ms / 1000, failed);
        // Schema loads and health checks have no client request behind them.
        const observation = 'observation' in options.context ? options.context.observation : undefined;
        observation?.fetches.push({
          subgraph,
          ms: Math.round(ms * 10) / 10,
          failed: failed || errors > 0,
          errors,
        });
      }
    },
  };
}
