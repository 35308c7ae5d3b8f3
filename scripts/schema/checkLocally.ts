import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readPolicyConfig } from '../../registry/check/policy/readPolicyConfig.js';
import { readRegisteredOperations } from '../../registry/check/readRegisteredOperations.js';
import { runSchemaCheck } from '../../registry/check/runSchemaCheck.js';
import type { SchemaCheckReport } from '../../registry/check/SchemaCheck.js';
import { checkFederationVersion } from '../lib/checkFederationVersion.js';
import { loadSubgraphSchemas } from '../lib/loadSubgraphSchemas.js';
import { readResolvedFields } from '../lib/readResolvedFields.js';
import { readSupergraphAtRef } from '../lib/readSupergraphAtRef.js';
import { readSupergraphConfig } from '../lib/readSupergraphConfig.js';
import type { CheckArgs } from './check.js';
import type { SchemaCommandConfig } from './config.js';
import { CannotRun } from './SchemaCommand.js';

/**
 * The check without a registry: the baseline is `schema/supergraph.graphql` as committed at `args.base` (default
 * the merge base of HEAD with main, origin/main or master), never the working tree's, which `npm run compose` has
 * just rewritten. The proposal is supergraph.yaml's subgraphs as the working tree has them (`args.sdl` in place
 * of `args.subgraph`'s); the operations are the repository's registered ones (page operations for `storefront`,
 * the manifest for each `persisted-only` client); the policy is `schema/policy.yaml`, with the subgraphs' code
 * for `missing-resolver`. Throws `CannotRun` when it cannot check.
 */
export async function checkLocally(args: CheckArgs, config: SchemaCommandConfig): Promise<SchemaCheckReport> {
  const baseline = await readSupergraphAtRef(config.root, config.supergraphPath, args.base).catch(
    (error: Error) => {
      throw new CannotRun(error.message);
    },
  );
  const supergraph = await readSupergraphConfig(config.supergraphConfigPath, config.variables);
  checkFederationVersion(supergraph.federationVersion);
  const names = supergraph.subgraphs.map((subgraph) => subgraph.name);
  if (args.subgraph !== undefined && !names.includes(args.subgraph)) {
    throw new CannotRun(`Unknown subgraph "${args.subgraph}"; supergraph.yaml has ${names.join(', ')}`);
  }
  const replacements =
    args.sdl !== undefined && args.subgraph !== undefined
      ? { [args.subgraph]: await readSdl(args.sdl) }
      : undefined;
  const policy = await readPolicyConfig(config.policyPath);
  const folders = supergraph.subgraphs.flatMap(({ name, schema }) =>
    schema.kind === 'file' ? [{ name, folder: path.dirname(schema.file) }] : [],
  );
  const [subgraphs, operations, resolvedFields] = await Promise.all([
    loadSubgraphSchemas(supergraph.subgraphs, {
      secret: config.internalSecret,
      ...(replacements && { replacements }),
    }),
    readRegisteredOperations(config),
    policy['missing-resolver'] === 'off' ? {} : readResolvedFields(config.root, folders),
  ]);
  const report = await runSchemaCheck({
    baseline: baseline.supergraphSdl === null ? null : { supergraphSdl: baseline.supergraphSdl },
    subgraphs,
    changed: args.subgraph === undefined ? [] : [args.subgraph],
    operations,
    limits: config.limits,
    policy,
    resolvedFields,
  });
  const file = path.relative(config.root, config.supergraphPath);
  report.baseline = `${file} at ${baseline.ref} (${baseline.commit.slice(0, 12)})`;
  if (baseline.supergraphSdl === null) {
    report.warnings.unshift(
      `${file} is not committed at ${baseline.ref}: nothing is published, no change is breaking`,
    );
  }
  return report;
}

async function readSdl(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CannotRun(`--sdl ${file}: ${(error as Error).message}`);
  }
}
