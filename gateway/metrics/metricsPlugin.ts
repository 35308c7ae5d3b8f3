import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../GatewayContext.js';
import type { GatewayMetrics } from './GatewayMetrics.js';

/** Notes each request's resolved operation name on its observation, and counts its errors by code. */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          if (contextValue.observation && operationName)
            contextValue.observation.operationName = operationName;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions['code'];
            metrics.observeError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
