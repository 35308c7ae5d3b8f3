import { createHash } from 'node:crypto';
import type { SourceStates } from './SourceHealth.js';

/** Response header naming the version of the supergraph that was served when the request arrived. */
export const SCHEMA_VERSION_HEADER = 'x-schema-version';

/**
 * The version of a supergraph: the first 16 hex digits of the SHA-256 of its SDL (Apollo Gateway's composition id
 * is the whole SHA-256, so it starts with them). Worked out once per supergraph, never per request.
 */
export function schemaVersionOf(supergraphSdl: string): string {
  return createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16);
}

/** Which supergraph the gateway serves, for the HTTP layer and the cache keys. */
export interface SupergraphState {
  /** The version being served (see `schemaVersionOf`). */
  readonly version: string;
  /** The version of the newest supergraph the source offered and the gateway refused, while it is the newest. */
  readonly refusedVersion: string | undefined;
  /** Whether the supergraph's and the registered operations' sources answer. Default unknown: not reported. */
  readonly sources?: SourceStates;
}
