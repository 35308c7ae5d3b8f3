import type { GatewayConfig } from '../config.js';
import { fileSupergraphSource } from './fileSupergraphSource.js';
import { fixedOperationsSource } from './fixedOperationsSource.js';
import type { OperationsSource } from './OperationsSource.js';
import type { RegisteredOperation } from './RegisteredOperations.js';
import { registrySources } from './registrySources.js';
import type { SupergraphSource } from './SupergraphSource.js';
import { urlSupergraphSource } from './urlSupergraphSource.js';

/**
 * Where the configuration says the supergraph and the registered operations come from: both from the schema
 * registry (`REGISTRY_URL`), or the supergraph from its file or URL and the operations from the files read as the
 * gateway started (`fileOperations`: `OPERATIONS_DIR` and the persisted-query manifest).
 */
export function graphSourcesOf(
  config: Pick<GatewayConfig, 'registry' | 'supergraphUrl' | 'supergraphPath' | 'operationsDir' | 'partners'>,
  fileOperations: readonly RegisteredOperation[],
): { source: SupergraphSource; operations: OperationsSource } {
  if (config.registry) {
    const { supergraph, operations } = registrySources(config.registry.url, {
      token: config.registry.token,
    });
    return { source: supergraph, operations };
  }
  return {
    source: config.supergraphUrl
      ? urlSupergraphSource(config.supergraphUrl)
      : fileSupergraphSource(config.supergraphPath),
    operations: fixedOperationsSource(
      fileOperations,
      `${config.operationsDir} and ${config.partners.manifestPath}`,
    ),
  };
}
