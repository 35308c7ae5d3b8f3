/**
 * `npm run compose`: composes supergraph.yaml into schema/supergraph.graphql, as `rover supergraph compose` does:
 * `federation_version` is held to the installed composition, and each subgraph's SDL is read from its `file`, its
 * inline `sdl` or its running server (`subgraph_url`, with `introspection_headers` and the internal identity).
 * Prints each hint with its code and subgraphs. On composition errors it prints each one the same way and exits 1,
 * leaving the old file in place; exits 2 when it cannot compose (a bad config, an unreachable subgraph).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeSupergraph } from '../registry/check/composeSupergraph.js';
import type { CompositionIssue } from '../registry/check/SchemaCheck.js';
import { checkFederationVersion } from './lib/checkFederationVersion.js';
import { loadSubgraphSchemas } from './lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from './lib/readSupergraphConfig.js';
import { loadSchemaConfig } from './schema/config.js';

const issue = (kind: string, { code, subgraphs, message }: CompositionIssue) =>
  `  ${kind} ${code} [${subgraphs.join(', ') || 'supergraph'}] ${message}`;

try {
  // npm runs scripts in the package's folder: the repository whose supergraph is composed.
  const config = loadSchemaConfig(process.env, process.cwd());
  const supergraph = await readSupergraphConfig(config.supergraphConfigPath, config.variables);
  checkFederationVersion(supergraph.federationVersion);
  const subgraphs = await loadSubgraphSchemas(supergraph.subgraphs, { secret: config.internalSecret });
  const composition = composeSupergraph(subgraphs);
  for (const hint of composition.hints) console.log(issue('hint', hint));
  if (!composition.ok) {
    console.error(`Composition failed with ${composition.errors.length} error(s):`);
    for (const error of composition.errors) console.error(issue('error', error));
    process.exit(1);
  }
  await writeFile(config.supergraphPath, composition.supergraphSdl);
  console.log(`Wrote ${path.relative(config.root, config.supergraphPath)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
