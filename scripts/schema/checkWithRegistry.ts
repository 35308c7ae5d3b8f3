import type { SchemaCheckReport } from '../../registry/check/SchemaCheck.js';
import type { CheckArgs } from './check.js';
import type { SchemaCommandConfig } from './config.js';
import { CannotRun } from './SchemaCommand.js';

/**
 * The check against a registry (`REGISTRY_URL`, `REGISTRY_TOKEN`): `POST <registry>/subgraphs/<subgraph>/check`
 * with the proposed SDL, whose answer is the registry's `SchemaCheckReport`.
 */
export async function checkWithRegistry(
  args: CheckArgs,
  config: SchemaCommandConfig,
): Promise<SchemaCheckReport> {
  void args;
  throw new CannotRun(
    `REGISTRY_URL is set (${config.registry?.url}), but this version checks locally only: unset REGISTRY_URL`,
  );
}
