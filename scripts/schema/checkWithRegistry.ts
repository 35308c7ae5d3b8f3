import type { SchemaCheckReport } from '../../registry/check/SchemaCheck.js';
import type { CheckArgs } from './check.js';
import type { SchemaCommandConfig } from './config.js';
import { registryClient, registryRefusal } from './registryAccess.js';
import { proposedSubgraph } from './proposedSubgraph.js';
import { CannotRun } from './SchemaCommand.js';

/**
 * The check against a registry (`REGISTRY_URL`, `REGISTRY_TOKEN`): `POST <registry>/subgraphs/<subgraph>/check`
 * with the proposed SDL (`--sdl`, else the subgraph's source in supergraph.yaml; a subgraph supergraph.yaml does
 * not list needs `--sdl`) and its routing URL when supergraph.yaml has it, whose answer is the registry's
 * `SchemaCheckReport`, measured against its current version. Throws `CannotRun` without a subgraph, with `--base`
 * (the registry is the baseline), or when the registry cannot be asked.
 */
export async function checkWithRegistry(
  args: CheckArgs,
  config: SchemaCommandConfig,
): Promise<SchemaCheckReport> {
  if (args.subgraph === undefined) {
    throw new CannotRun(
      'With REGISTRY_URL set, name the subgraph to check: npm run schema -- check <subgraph>',
    );
  }
  if (args.base !== undefined) {
    throw new CannotRun(
      "--base is for the local check; with REGISTRY_URL the registry's current version is the baseline",
    );
  }
  const client = registryClient(config, 'check');
  const proposal = await proposedSubgraph(config, args.subgraph, { sdl: args.sdl }, true);
  try {
    return await client.check(args.subgraph, {
      sdl: proposal.sdl,
      ...(proposal.url === undefined ? {} : { url: proposal.url }),
    });
  } catch (error) {
    // The check endpoint answers every verdict as a report; any error is a failure to check.
    throw new CannotRun(registryRefusal(error, config).message);
  }
}
